export { UniversalLogin, type UniversalLoginArgs } from "./universalLogin";
export { escapeHtml, renderKmsiPartial } from "./kmsiPartial";
