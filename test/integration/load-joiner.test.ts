import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/lib/db";
import { toQuestionView } from "@/lib/questions/question-view";
import { loadJoiner } from "@/lib/realtime/load-joiner";
import { passwordStamp } from "@/lib/users/password-stamp";

// The handshake's lookup against the real database: what a joiner gets, in
// batches, with the same role rule as the pages.
async function newPerson(role: "viewer" | "moderator" = "viewer") {
  const tag = randomBytes(4).toString("hex");
  return db.user.create({ data: { name: `Joiner ${tag} "Zoë"`, email: `joiner-${tag}@example.com`, phone: "5550001111", role, passwordHash: role === "viewer" ? null : `scrypt$${tag}` } });
}

describe("loading joiners", () => {
  afterAll(() => closeDatabase());

  it("gives a person their account, their own questions (any status, oldest first, ISO times) and their votes", async () => {
    const person = await newPerson();
    const other = await newPerson();
    const mine = [
      await db.question.create({ data: { userId: person.id, userName: person.name, questionText: 'Mine "quoted" ☃\n', status: "pending" } }),
      await db.question.create({ data: { userId: person.id, userName: person.name, questionText: "Mine approved", status: "approved" } }),
    ];
    const theirs = await db.question.create({ data: { userId: other.id, userName: other.name, questionText: "Theirs", status: "approved" } });
    await db.questionVote.create({ data: { questionId: theirs.id, userId: person.id } });

    const joiner = await loadJoiner({ userId: person.id });
    expect(joiner).toEqual({
      user: { id: person.id, name: person.name, email: person.email, role: "viewer" },
      myQuestions: mine.map(toQuestionView),
      myVotes: [theirs.id],
    });
    expect(await loadJoiner({ userId: other.id })).toMatchObject({ myQuestions: [toQuestionView(theirs)], myVotes: [] });
  });

  it("a storm of joiners, two tabs each, all get their own row", async () => {
    const people = await Promise.all(Array.from({ length: 30 }, () => newPerson()));
    const joiners = await Promise.all(people.flatMap((person) => [loadJoiner({ userId: person.id }), loadJoiner({ userId: person.id })]));
    expect(joiners.map((joiner) => joiner?.user.id)).toEqual(people.flatMap((person) => [person.id, person.id]));
  });

  it("applies the pages' role rule: staff rights only from a password sign-in whose password has not changed", async () => {
    const moderator = await newPerson("moderator");
    const stamp = passwordStamp(moderator.passwordHash!);
    expect((await loadJoiner({ userId: moderator.id }))?.user.role).toBe("viewer");
    expect((await loadJoiner({ userId: moderator.id, isStaffSignIn: true, passwordStamp: stamp }))?.user.role).toBe("moderator");
    expect(await loadJoiner({ userId: moderator.id, isStaffSignIn: true, passwordStamp: "stale" })).toBeNull();
    expect(await loadJoiner({ userId: 2_000_000_000 })).toBeNull();
    expect(await loadJoiner({})).toBeNull();
  });
});
