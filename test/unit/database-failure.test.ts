import { describe, expect, it } from "vitest";
import { databaseFailureOf } from "@/lib/health/database-failure";

// The shapes below are what the mariadb driver and Prisma 7's adapter threw
// with the database stopped (ECONNREFUSED) and with a pool whose connections
// were all busy, copied from real runs.
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:33917"), { errno: -111, code: "ECONNREFUSED", fatal: true });
const poolTimeout = (cause?: unknown) =>
  Object.assign(new Error("pool timeout: failed to retrieve a connection from pool after 2000ms"), { errno: 45028, code: "ER_GET_CONNECTION_TIMEOUT", fatal: false, sqlState: "HY000" }, cause ? { cause } : {});
const prismaError = (cause: Record<string, unknown>) =>
  Object.assign(new Error("Invalid `db.user.findUnique()` invocation"), {
    code: "P2039",
    meta: { modelName: "User", driverAdapterError: Object.assign(new Error(String(cause.message)), { cause }) },
  });

describe("database failures", () => {
  it("a pool that cannot open a connection is an outage, one whose connections are all busy is not", () => {
    expect(databaseFailureOf(poolTimeout(refused))).toBe("unreachable");
    expect(databaseFailureOf(poolTimeout())).toBe("busy");
  });

  it("reads Prisma's wrapper of the same driver errors", () => {
    expect(databaseFailureOf(prismaError({ kind: "mysql", code: 45028, originalCode: "45028", message: "pool timeout", cause: "connect ECONNREFUSED 127.0.0.1:3306" }))).toBe("unreachable");
    expect(databaseFailureOf(prismaError({ kind: "mysql", code: 45028, originalCode: "45028", message: "pool timeout" }))).toBe("busy");
    expect(databaseFailureOf(prismaError({ kind: "mysql", code: 45009, message: "socket has unexpectedly been closed" }))).toBe("unreachable");
    expect(databaseFailureOf(prismaError({ kind: "TooManyConnections", cause: "Too many connections" }))).toBe("busy");
  });

  it("a connection that died, a server shutting down, a socket error", () => {
    expect(databaseFailureOf(Object.assign(new Error("socket has unexpectedly been closed"), { errno: 45009, fatal: true }))).toBe("unreachable");
    expect(databaseFailureOf(Object.assign(new Error("Server shutdown in progress"), { errno: 1053 }))).toBe("unreachable");
    expect(databaseFailureOf(refused)).toBe("unreachable");
    expect(databaseFailureOf(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe("unreachable");
  });

  it("anything else is not a database failure: a bad query, a duplicate key, a bug", () => {
    expect(databaseFailureOf(Object.assign(new Error("You have an error in your SQL syntax"), { errno: 1064, fatal: false }))).toBeNull();
    expect(databaseFailureOf(prismaError({ kind: "UniqueConstraintViolation", constraint: { fields: ["email"] } }))).toBeNull();
    expect(databaseFailureOf(new TypeError("Cannot read properties of undefined"))).toBeNull();
    expect(databaseFailureOf(undefined)).toBeNull();
  });

  it("does not loop on an error that is its own cause", () => {
    const circular: Error & { cause?: unknown } = new Error("odd");
    circular.cause = circular;
    expect(databaseFailureOf(circular)).toBeNull();
  });
});
