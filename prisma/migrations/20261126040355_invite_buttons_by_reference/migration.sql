-- Invitation buttons stored before this change carried the invitation code in plaintext,
-- in stored button references and in the outbox rows of the direct messages. They now
-- carry the invitation's id (only the invitee can answer, so the id is enough). Rewrite
-- the old ones: a reference is found by the code's hash, an outbox row by its dedupe key.
UPDATE "ActionRef" AS a
SET "action" = jsonb_set(a."action", '{args,code}', to_jsonb(i."id"))
FROM "Invite" AS i
WHERE a."action"->>'command' IN ('users accept', 'users decline')
  AND a."action"->'args'->>'code' NOT LIKE 'inv\_%'
  AND i."codeHash" = encode(sha256(convert_to(btrim(a."action"->'args'->>'code'), 'UTF8')), 'hex');

UPDATE "OutboxMessage" AS o
SET "payload" = regexp_replace(o."payload"::text, '"code": "[^"]*"', '"code": "' || i."id" || '"', 'g')::jsonb
FROM "Invite" AS i
WHERE o."dedupeKey" = 'invite:' || i."id";
