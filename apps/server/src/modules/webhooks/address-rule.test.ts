import { describe, expect, it } from "vitest";
import { readEnv } from "../../env";
import { isPublicAddress } from "./address-rule";

describe("which addresses a webhook may reach", () => {
  it("only public unicast addresses, IPv4 and IPv6, an IPv4-mapped address read as the IPv4 it carries", () => {
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"]) expect(isPublicAddress(address), address).toBe(true);
    const refused = ["127.0.0.1", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.1"];
    refused.push("::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "ff02::1", "not an address");
    for (const address of refused) expect(isPublicAddress(address), address).toBe(false);
  });

  it("COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE=1 allows private addresses; unset, they are refused", () => {
    expect(readEnv({ COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE: "1" }).COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(readEnv({}).COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(readEnv({ COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE: "0" }).COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE).toBe(false);
  });
});
