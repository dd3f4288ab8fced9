export { UniversalLogin, type UniversalLoginArgs } from "./universal-login";
export { escapeHtml, renderKmsiPartial } from "./kmsi-partial";
