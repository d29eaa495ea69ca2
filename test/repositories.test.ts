import { describe } from 'vitest';
import { PgDb } from '../src/backends/postgres/pg-db.js';
import { PgliteDb } from '../src/backends/postgres/pglite-db.js';
import { dbContract } from '../src/testing/contracts/db.contract.js';
import { repositoryContract } from '../src/testing/contracts/repositories.contract.js';
import { dropSchema, serviceUrl, testSchema } from '../src/testing/real-services.js';

async function openPglite() {
  const schema = testSchema();
  const db = await PgliteDb.open({ schema });
  return { db, schema, cleanup: () => db.close() };
}

describe('the database port on embedded PGlite', () => dbContract(openPglite));
describe('repositories on embedded PGlite', () => repositoryContract(openPglite));

const databaseUrl = serviceUrl('DATABASE_URL');

async function openPostgres() {
  const schema = testSchema();
  const db = await PgDb.connect({ url: databaseUrl!, schema });
  return {
    db,
    schema,
    async cleanup() {
      await db.close();
      await dropSchema(databaseUrl!, schema);
    },
  };
}

describe.skipIf(!databaseUrl)('the database port on Postgres', () => dbContract(openPostgres));
describe.skipIf(!databaseUrl)('repositories on Postgres', () => repositoryContract(openPostgres));
