import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { networkOf } from "@/lib/users/sign-in-network";

// The staff sign-in limits' rules, on the in-memory limiters (e2e/sign-in-limits.spec.ts plays the same attack
// against the real server). Each test has an account of its own, so the windows never overlap.
delete process.env.REDIS_URL;
let attempts: typeof import("@/lib/users/sign-in-attempts");
beforeAll(async () => {
  attempts = await import("@/lib/users/sign-in-attempts");
});

const newEmail = () => `staff-${randomBytes(4).toString("hex")}@podium.test`;
/** An IPv6 /64 key in a /48 of its own (each index its own network). */
const network = (index: number) => `2001:db8:${(0x1000 + index).toString(16)}:1::/64`;

/** Ten wrong passwords from each of `count` addresses, as the attack in issue 16 did; how many were let through to be checked. */
async function guessFrom(email: string, count: number): Promise<number> {
  let checked = 0;
  for (let index = 0; index < count; index++) {
    for (let attempt = 0; attempt < 10; attempt++) if ((await attempts.claimSignInAttempt(email, network(index))) === null) checked++;
  }
  return checked;
}

describe("staff sign-in attempts", () => {
  it("an address that guessed ten times is paused on that account", async () => {
    const email = newEmail();
    await guessFrom(email, 1);
    expect(await attempts.claimSignInAttempt(email, network(0))).toMatch(/^Too many failed attempts for this account\. Try again in 15 minutes\.$/);
  });

  it("past the account's ceiling its owner, from an address that never guessed, may still try at once", async () => {
    const email = newEmail();
    // The eleventh address passes the ceiling of 100: its first three guesses are a fresh network's tries, then it is paused.
    expect(await guessFrom(email, 11)).toBe(103);
    expect(await attempts.claimSignInAttempt(email, "2001:db8:beef:1::/64")).toBeNull();
    expect(await attempts.claimSignInAttempt(email, "198.51.100.7")).toBeNull();
  });

  it("past the ceiling, an address that guessed is paused, a fresh one after three tries, and each network tries three times", async () => {
    const email = newEmail();
    const refused = /^Too many failed attempts for this account\. Try again in \d+ minutes\.$/;
    // Five guesses first: under this address's own limit of ten, but it has been guessing.
    for (let attempt = 0; attempt < 5; attempt++) expect(await attempts.claimSignInAttempt(email, "192.0.2.50")).toBeNull();
    await guessFrom(email, 11);
    expect(await attempts.claimSignInAttempt(email, "192.0.2.50")).toMatch(refused);
    // A fresh address gets three tries (a typo or two); then it is guessing too.
    for (let attempt = 0; attempt < 3; attempt++) expect(await attempts.claimSignInAttempt(email, "2001:db8:cafe:1::/64")).toBeNull();
    expect(await attempts.claimSignInAttempt(email, "2001:db8:cafe:1::/64")).toMatch(refused);
    // Another /64 of the same /48, or another address of the same IPv4 /24, is the same network.
    expect(await attempts.claimSignInAttempt(email, "2001:db8:cafe:2::/64")).toMatch(refused);
    expect(await attempts.claimSignInAttempt(email, "203.0.113.10")).toBeNull();
    expect(await attempts.claimSignInAttempt(email, "203.0.113.11")).toBeNull();
    expect(await attempts.claimSignInAttempt(email, "203.0.113.12")).toBeNull();
    expect(await attempts.claimSignInAttempt(email, "203.0.113.13")).toMatch(refused);
  });

  it("the owner's correct password clears their network's try, so they can sign in again from there", async () => {
    const email = newEmail();
    await guessFrom(email, 11);
    expect(await attempts.claimSignInAttempt(email, "198.51.100.20")).toBeNull();
    await attempts.recordSuccessfulSignIn(email, "198.51.100.20");
    expect(await attempts.claimSignInAttempt(email, "198.51.100.20")).toBeNull();
  });

  it("attempts refused from one address do not add up towards the account's ceiling", async () => {
    const email = newEmail();
    // 40 from each of three addresses (under the per-address 50): 30 checked, 90 refused.
    for (const address of ["192.0.2.1", "192.0.3.1", "192.0.4.1"]) for (let attempt = 0; attempt < 40; attempt++) await attempts.claimSignInAttempt(email, address);
    expect(await attempts.claimSignInAttempt(email, "192.0.2.200")).toBeNull();
    expect(await attempts.claimSignInAttempt(email, "192.0.2.200")).toBeNull();
  });
});

describe("the network an address counts in once an account is over its ceiling", () => {
  it("is an IPv4 address's /24 and an IPv6 /64's /48", () => {
    expect(networkOf("203.0.113.9")).toBe("203.0.113.0/24");
    expect(networkOf("2001:db8:aa:bb::/64")).toBe("2001:db8:aa::/48");
    expect(networkOf("0:0:0:0::/64")).toBe("0:0:0::/48");
  });

  it("is the address itself when it is neither", () => {
    expect(networkOf("unknown")).toBe("unknown");
  });
});
