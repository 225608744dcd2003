-- Each event's chat gets a gap-free order (1, 2, 3…) that clients can check:
-- one that sees seq 12 after 10 knows it lacks 11 and asks for it.

-- AlterTable
ALTER TABLE `events` ADD COLUMN `last_chat_seq` INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE `chat_messages` ADD COLUMN `seq` INTEGER NOT NULL DEFAULT 0;

-- Existing messages are numbered in id order, per event.
UPDATE `chat_messages` m
  JOIN (SELECT `id`, ROW_NUMBER() OVER (PARTITION BY `event_id` ORDER BY `id`) AS `seq` FROM `chat_messages`) n ON n.`id` = m.`id`
  SET m.`seq` = n.`seq`;
UPDATE `events` e SET e.`last_chat_seq` = (SELECT COALESCE(MAX(m.`seq`), 0) FROM `chat_messages` m WHERE m.`event_id` = e.`id`);

-- CreateIndex
CREATE UNIQUE INDEX `chat_messages_event_id_seq_key` ON `chat_messages`(`event_id`, `seq`);

-- CreateIndex: the latest visible messages in seq order (a room's history).
CREATE INDEX `chat_messages_event_id_is_hidden_seq_idx` ON `chat_messages`(`event_id`, `is_hidden`, `seq`);

-- Every insert takes the event's next number in the same statement. The UPDATE
-- holds the event's row lock until the insert commits, so numbers are given in
-- commit order: once seq N is visible, every seq below it is too. A failed
-- insert (a duplicate clientId) rolls its number back with it: no holes.
CREATE TRIGGER `chat_messages_take_seq` BEFORE INSERT ON `chat_messages` FOR EACH ROW
BEGIN
  UPDATE `events` SET `last_chat_seq` = `last_chat_seq` + 1 WHERE `id` = NEW.`event_id`;
  SET NEW.`seq` = (SELECT `last_chat_seq` FROM `events` WHERE `id` = NEW.`event_id`);
END;
