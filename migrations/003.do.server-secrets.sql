-- Secrets a server needs that Redis must never hold: the address-hashing key (PRIV2). Random,
-- created once by whichever node starts first, shared by every node of the deployment.
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
