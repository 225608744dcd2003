-- Every writer names its event now: the temporary default (the first event)
-- that kept older code working while events landed goes, so a write that
-- forgets its event fails instead of landing in the wrong room.
ALTER TABLE `chat_messages` ALTER COLUMN `event_id` DROP DEFAULT;
ALTER TABLE `questions` ALTER COLUMN `event_id` DROP DEFAULT;
ALTER TABLE `session_analytics` ALTER COLUMN `event_id` DROP DEFAULT;
