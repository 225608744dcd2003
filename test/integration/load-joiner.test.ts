import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/lib/db";
import { toQuestionView } from "@/lib/questions/question-view";
import { loadJoiner } from "@/lib/realtime/load-joiner";
import { passwordStamp } from "@/lib/users/password-stamp";
import { createTestEvent } from "../events";

/** The first event (made by the events migration). */
const EVENT = 1;

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
      await db.question.create({ data: { eventId: EVENT, userId: person.id, userName: person.name, questionText: 'Mine "quoted" ☃\n', status: "pending" } }),
      await db.question.create({ data: { eventId: EVENT, userId: person.id, userName: person.name, questionText: "Mine approved", status: "approved" } }),
    ];
    const theirs = await db.question.create({ data: { eventId: EVENT, userId: other.id, userName: other.name, questionText: "Theirs", status: "approved" } });
    await db.questionVote.create({ data: { questionId: theirs.id, userId: person.id } });

    const joiner = await loadJoiner({ userId: person.id }, EVENT);
    expect(joiner).toEqual({
      user: { id: person.id, name: person.name, email: person.email, role: "viewer" },
      isRegistered: false,
      myQuestions: mine.map(toQuestionView),
      myVotes: [theirs.id],
    });
    expect(await loadJoiner({ userId: other.id }, EVENT)).toMatchObject({ myQuestions: [toQuestionView(theirs)], myVotes: [] });
  });

  it("gives only what is the person's in the event joined: registration, questions and votes of another event stay out", async () => {
    const person = await newPerson();
    const [first, second] = [await createTestEvent(), await createTestEvent()];
    await db.registration.create({ data: { eventId: first.id, userId: person.id } });
    const inFirst = await db.question.create({ data: { eventId: first.id, userId: person.id, userName: person.name, questionText: "In the first", status: "approved" } });
    const inSecond = await db.question.create({ data: { eventId: second.id, userId: person.id, userName: person.name, questionText: "In the second", status: "approved" } });
    await db.questionVote.create({ data: { questionId: inSecond.id, userId: person.id } });

    // One batch holding both events' joins of the same person.
    const [joinedFirst, joinedSecond] = await Promise.all([loadJoiner({ userId: person.id }, first.id), loadJoiner({ userId: person.id }, second.id)]);
    expect(joinedFirst).toMatchObject({ isRegistered: true, myQuestions: [toQuestionView(inFirst)], myVotes: [] });
    expect(joinedSecond).toMatchObject({ isRegistered: false, myQuestions: [toQuestionView(inSecond)], myVotes: [inSecond.id] });
  });

  it("a storm of joiners, two tabs each, all get their own row", async () => {
    const people = await Promise.all(Array.from({ length: 30 }, () => newPerson()));
    const joiners = await Promise.all(people.flatMap((person) => [loadJoiner({ userId: person.id }, EVENT), loadJoiner({ userId: person.id }, EVENT)]));
    expect(joiners.map((joiner) => joiner?.user.id)).toEqual(people.flatMap((person) => [person.id, person.id]));
  });

  it("applies the pages' role rule: staff rights only from a password sign-in whose password has not changed", async () => {
    const moderator = await newPerson("moderator");
    const stamp = passwordStamp(moderator.passwordHash!);
    expect((await loadJoiner({ userId: moderator.id }, EVENT))?.user.role).toBe("viewer");
    expect((await loadJoiner({ userId: moderator.id, isStaffSignIn: true, passwordStamp: stamp }, EVENT))?.user.role).toBe("moderator");
    expect(await loadJoiner({ userId: moderator.id, isStaffSignIn: true, passwordStamp: "stale" }, EVENT)).toBeNull();
    expect(await loadJoiner({ userId: 2_000_000_000 }, EVENT)).toBeNull();
    expect(await loadJoiner({}, EVENT)).toBeNull();
  });
});
