-- UX6: crisis flags lead with reaching the specialist; a moderator claims a flag while working it,
-- until the claim expires or the flag is resolved. Added columns only, with defaults, so a node of
-- the previous version keeps working beside this one (REL6).
ALTER TABLE flags ADD COLUMN crisis boolean NOT NULL DEFAULT false;
ALTER TABLE flags ADD COLUMN claimed_by uuid REFERENCES staff (id);
ALTER TABLE flags ADD COLUMN claim_expires_at timestamptz;
-- Flags raised before this column existed: crisis language and chats marked urgent.
UPDATE flags SET crisis = true WHERE reason LIKE 'crisis-detector: %' OR reason LIKE 'marked urgent by the specialist%';
