-- Escalations received before due_at_ms existed: their dueAt as an instant (ms), so the overdue
-- sweep sees them. dueAt was validated as ISO 8601 with Z or ±HH:MM, which SQLite's unixepoch reads.
UPDATE `escalations` SET `due_at_ms` = CAST(round(unixepoch(`due_at`, 'subsec') * 1000) AS INTEGER)
 WHERE `due_at` IS NOT NULL AND `due_at_ms` IS NULL;
