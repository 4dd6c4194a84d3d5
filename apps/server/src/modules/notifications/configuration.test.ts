import { afterEach, describe, expect, it, vi } from "vitest";
import { readEnv } from "../../env";

afterEach(() => vi.restoreAllMocks());

/** readEnv exits on a bad value; here the exit is turned into an error carrying what was printed. */
function refusal(source: NodeJS.ProcessEnv) {
  const printed: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => void printed.push(line));
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(`exit ${code}: ${printed.join("\n")}`);
  });
  return () => readEnv(source);
}

describe("the notifications' configuration", () => {
  it("reads SMTP, the sender and the thresholds, with defaults", () => {
    const env = readEnv({ COUNTERSIGN_SMTP_URL: "smtps://user:pw@mail.example.com:465", COUNTERSIGN_NOTIFY_URGENT_MINUTES: "5" });
    expect(env).toMatchObject({
      COUNTERSIGN_SMTP_URL: "smtps://user:pw@mail.example.com:465",
      COUNTERSIGN_MAIL_FROM: "Countersign <countersign@localhost>",
      COUNTERSIGN_NOTIFY_URGENT_MINUTES: 5,
      COUNTERSIGN_NOTIFY_DUE_MINUTES: 60,
      COUNTERSIGN_NOTIFY_QUALIFICATION_DAYS: 14,
      COUNTERSIGN_NOTIFY_ALLOW_HTTP: false,
    });
    expect(readEnv({}).COUNTERSIGN_SMTP_URL).toBeUndefined();
  });

  it("refuses an SMTP URL of another scheme and a threshold that is not whole minutes, naming the variable", () => {
    expect(refusal({ COUNTERSIGN_SMTP_URL: "http://mail.example.com" })).toThrow(/exit 2: .*COUNTERSIGN_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/s);
    expect(refusal({ COUNTERSIGN_NOTIFY_URGENT_MINUTES: "2.5" })).toThrow(/COUNTERSIGN_NOTIFY_URGENT_MINUTES must be a whole number of minutes/);
  });
});
