import { describe } from 'vitest';
import { PgDb } from '../src/backends/postgres/pg-db.js';
import { PgliteDb } from '../src/backends/postgres/pglite-db.js';
import { repositoryContract } from '../src/testing/contracts/repositories.contract.js';
import { dropSchema, serviceUrl, testSchema } from '../src/testing/real-services.js';

describe('repositories on embedded PGlite', () => {
  repositoryContract(async () => {
    const schema = testSchema();
    const db = await PgliteDb.open({ schema });
    return { db, schema, cleanup: () => db.close() };
  });
});

const databaseUrl = serviceUrl('DATABASE_URL');

describe.skipIf(!databaseUrl)('repositories on Postgres', () => {
  repositoryContract(async () => {
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
  });
});
