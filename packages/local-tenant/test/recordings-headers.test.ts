/**
 * The header comparisons of test/helpers/recordings.ts that the conformance test adds to the body's: the
 * recorded headers (only Content-Type survives the provider's recorder) against node:http's lower-case ones,
 * both ways, and Content-Length as go-vcr's content_length/uncompressed describe it.
 */
import { describe, expect, it } from "vitest";
import {
  compareContentLength,
  compareHeaders,
  type Difference,
  type HeaderValues,
  recordedLength,
  type RecordedLength,
} from "./helpers/recordings";

const JSON_TYPE = "application/json; charset=utf-8";

interface HeaderCase {
  name: string;
  recorded: HeaderValues;
  actual: HeaderValues;
  expected: Difference[];
}

const HEADER_CASES: HeaderCase[] = [
  {
    name: "the same Content-Type, names in different case",
    recorded: { "Content-Type": [JSON_TYPE] },
    actual: { "content-type": JSON_TYPE, "content-length": "2" },
    expected: [],
  },
  {
    name: "a Content-Type without the charset",
    recorded: { "Content-Type": [JSON_TYPE] },
    actual: { "content-type": "application/json" },
    expected: [{ field: "header Content-Type", recorded: JSON_TYPE, actual: "application/json" }],
  },
  {
    name: "no Content-Type where Auth0 sent one (an empty 204)",
    recorded: { "Content-Type": [JSON_TYPE] },
    actual: {},
    expected: [{ field: "header Content-Type", recorded: JSON_TYPE, actual: undefined }],
  },
  {
    name: "a Content-Type where the recording has none",
    recorded: {},
    actual: { "content-type": JSON_TYPE },
    expected: [{ field: "header Content-Type", recorded: undefined, actual: JSON_TYPE }],
  },
  {
    name: "a User-Agent sent back (the recorder keeps that name too)",
    recorded: { "Content-Type": [JSON_TYPE] },
    actual: { "content-type": JSON_TYPE, "user-agent": "local" },
    expected: [{ field: "header User-Agent", recorded: undefined, actual: "local" }],
  },
  {
    name: "a repeated recorded header is joined as node:http joins it",
    recorded: { "User-Agent": ["a", "b"] },
    actual: { "user-agent": "a, b" },
    expected: [],
  },
  {
    name: "headers the recorder deletes are not compared",
    recorded: { "Content-Type": [JSON_TYPE] },
    actual: { "content-type": JSON_TYPE, "x-ratelimit-limit": "50", date: "Sun, 29 Nov 2026 17:00:00 GMT" },
    expected: [],
  },
];

describe("compareHeaders(recorded, actual)", () => {
  it.each(HEADER_CASES)("$name", ({ recorded, actual, expected }) => {
    expect(compareHeaders(recorded, actual)).toEqual(expected);
  });
});

describe("recordedLength(interaction)", () => {
  it.each([
    { status: 204, contentLength: 0, uncompressed: false, expected: "none" },
    { status: 200, contentLength: -1, uncompressed: true, expected: "gzip" },
    { status: 404, contentLength: -1, uncompressed: true, expected: "gzip" },
    { status: 200, contentLength: 39, uncompressed: false, expected: 39 },
    { status: 201, contentLength: 2, uncompressed: false, expected: 2 },
    { status: 200, contentLength: -1, uncompressed: false, expected: undefined },
  ])("status $status, content_length $contentLength, uncompressed $uncompressed → $expected", (c) => {
    expect(recordedLength(c)).toEqual(c.expected);
  });
});

interface LengthCase {
  name: string;
  recorded: RecordedLength | undefined;
  headers: HeaderValues;
  text: string;
  expected: Difference[];
}

const FIELD = "header Content-Length";

const LENGTH_CASES: LengthCase[] = [
  { name: "declared on both sides", recorded: 39, headers: { "content-length": "2" }, text: "{}", expected: [] },
  {
    name: "declared by Auth0, not locally",
    recorded: 39,
    headers: {},
    text: "{}",
    expected: [{ field: FIELD, recorded: 39, actual: undefined }],
  },
  {
    name: "a local length that is not the body's",
    recorded: 39,
    headers: { "content-length": "3" },
    text: "{}",
    expected: [{ field: FIELD, recorded: 39, actual: "3 for a 2-byte body" }],
  },
  {
    name: "bytes, not characters",
    recorded: 2,
    headers: { "content-length": "4" },
    text: '"é"',
    expected: [],
  },
  { name: "a 204 with neither length nor body", recorded: "none", headers: {}, text: "", expected: [] },
  {
    name: "a 204 declaring a length of 0",
    recorded: "none",
    headers: { "content-length": "0" },
    text: "",
    expected: [{ field: FIELD, recorded: "none", actual: 0 }],
  },
  {
    name: "a 204 with a body",
    recorded: "none",
    headers: {},
    text: "{}",
    expected: [{ field: FIELD, recorded: "none", actual: "2-byte body" }],
  },
  {
    name: "gzip on Auth0, a declared length locally: left to ACCEPTED",
    recorded: "gzip",
    headers: { "content-length": "2" },
    text: "{}",
    expected: [{ field: FIELD, recorded: "gzip", actual: 2 }],
  },
  {
    name: "gzip on Auth0, no length locally: left to ACCEPTED",
    recorded: "gzip",
    headers: {},
    text: "{}",
    expected: [{ field: FIELD, recorded: "gzip", actual: undefined }],
  },
];

describe("compareContentLength(recorded, actual)", () => {
  it.each(LENGTH_CASES)("$name", ({ recorded, headers, text, expected }) => {
    expect(compareContentLength(recorded, { headers, text })).toEqual(expected);
  });
});
