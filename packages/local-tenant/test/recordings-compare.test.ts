/**
 * compare() of test/helpers/recordings.ts, which the conformance test rests on: it must report a field the
 * recorded answer has and the local one lacks or differs in, and also a field only the local answer has
 * (recorded: undefined), at any depth, inside array elements too.
 */
import { describe, expect, it } from "vitest";
import { compare, type Difference, IdMap } from "./helpers/recordings";

interface Case {
  name: string;
  recorded: unknown;
  actual: unknown;
  expected: Difference[];
}

const CASES: Case[] = [
  {
    name: "equal objects, arrays and scalars",
    recorded: { bindings: [{ id: "b", n: 1, ok: true, none: null }], per_page: 100 },
    actual: { bindings: [{ id: "b", n: 1, ok: true, none: null }], per_page: 100 },
    expected: [],
  },
  {
    name: "both empty (an empty recorded answer parses to undefined)",
    recorded: undefined,
    actual: undefined,
    expected: [],
  },
  {
    name: "a missing field",
    recorded: { bindings: [], page: 1 },
    actual: { bindings: [] },
    expected: [{ field: "page", recorded: 1, actual: undefined }],
  },
  {
    name: "a different value",
    recorded: { per_page: 100 },
    actual: { per_page: 50 },
    expected: [{ field: "per_page", recorded: 100, actual: 50 }],
  },
  {
    name: "an extra field",
    recorded: { bindings: [], page: 1, per_page: 100 },
    actual: { bindings: [], total: 1, page: 1, per_page: 100 },
    expected: [{ field: "total", recorded: undefined, actual: 1 }],
  },
  {
    name: "an extra field equal to null is still extra",
    recorded: { domain: "a.example.com" },
    actual: { domain: "a.example.com", custom_client_ip_header: null },
    expected: [{ field: "custom_client_ip_header", recorded: undefined, actual: null }],
  },
  {
    name: "a nested extra field",
    recorded: { colors: { primary: "#2A2E35" } },
    actual: { colors: { primary: "#2A2E35", page_background: "#000000" } },
    expected: [{ field: "colors.page_background", recorded: undefined, actual: "#000000" }],
  },
  {
    name: "an extra field in an array element",
    recorded: [{ custom_domain_id: "cd_1", primary: true }],
    actual: [{ custom_domain_id: "cd_1", primary: true, is_default: false }],
    expected: [{ field: "[*].is_default", recorded: undefined, actual: false }],
  },
  {
    name: "an extra field in an array element nested in an object",
    recorded: { verification: { methods: [{ name: "TXT" }] } },
    actual: { verification: { methods: [{ name: "TXT", domain: "_cf.a.example.com" }] } },
    expected: [{ field: "verification.methods[*].domain", recorded: undefined, actual: "_cf.a.example.com" }],
  },
  {
    name: "missing, different and extra fields together, recorded ones first",
    recorded: { a: 1, b: 2 },
    actual: { b: 3, c: 4 },
    expected: [
      { field: "a", recorded: 1, actual: undefined },
      { field: "b", recorded: 2, actual: 3 },
      { field: "c", recorded: undefined, actual: 4 },
    ],
  },
  {
    name: "an extra array element is reported as a length",
    recorded: { bindings: [{ id: "x" }] },
    actual: { bindings: [{ id: "x" }, { id: "y" }] },
    expected: [{ field: "bindings.length", recorded: 1, actual: 2 }],
  },
  {
    name: "a body where Auth0 answered none",
    recorded: undefined,
    actual: { message: "ok" },
    expected: [{ field: "(body)", recorded: undefined, actual: { message: "ok" } }],
  },
  {
    name: "an object where Auth0 answered an array",
    recorded: [],
    actual: {},
    expected: [{ field: "(body)", recorded: [], actual: {} }],
  },
];

describe("compare(recorded, actual)", () => {
  it.each(CASES)("$name", ({ recorded, actual, expected }) => {
    expect(compare(recorded, actual, new IdMap())).toEqual(expected);
  });

  it("compares a recorded id as the local id it was mapped to", () => {
    const ids = new IdMap();
    ids.learn({ id: "recorded-id" }, { id: "local-id" });
    expect(compare({ action: { id: "recorded-id" } }, { action: { id: "local-id" } }, ids)).toEqual([]);
    expect(compare({ action: { id: "recorded-id" } }, { action: { id: "other-id" } }, ids)).toEqual([
      { field: "action.id", recorded: "recorded-id", actual: "other-id" },
    ]);
  });
});
