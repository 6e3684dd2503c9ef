import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';

const HELP = `samspil <kommando>

  serve [--demo] [--demo-idps]       start webserveren; med --demo (som npm start) indlæses demodata i en tom database;
                                     med --demo-idps (som npm start) kører test-identitetsudbydere til Context Handler og MitID Erhverv
  migrate                            kør databasemigreringer og opdatér referencedata
  seed --demo                        indlæs demodata (kun i demotilstand, kun i en tom database)
  admin create --email EMAIL --name NAVN
                                     opret en central administrator og skriv et engangslink ud
  token create --user EMAIL [--name NAVN]
                                     opret en personlig API-nøgle og skriv den ud
  import municipalities FIL.csv      opdatér kommuners navn, indbyggertal og CVR ud fra kommunekode
  import population FIL.csv          importér befolkningstal pr. kommune og kvartal (Danmarks Statistiks FOLK1A)
  import aula-files FIL.csv          indlæs Aulas filoversigt (sikre filer) for én eller alle kommuner; hver kommune i filen
                                     får præcis filens filer. CSV med semikolon (UTF-8) og overskrifterne
                                     kommunekode;fil_id;institutionsnummer;institutionsnavn;kategori;oprettet;
                                     udloesende_dato;journaliseret;esdh_reference
  import kle FIL.xml                 indlæs KL's emneplan (KLE-XML) til Borgerblikket; udgåede numre markeres, intet slettes,
                                     og kommunernes indstillinger på udgåede numre skrives ud til gennemgang
  bench                              kør ydelsesmålinger (se bench/)

Miljøvariable: PORT, HOST, DATA_DIR, DATABASE_URL, SAMSPIL_MODE, PUBLIC_URL, SMTP_URL, MAIL_FROM, LOG_LEVEL, TRUST_PROXY`;

async function withDatabase<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  // `--demo` asks for demo mode on the command line (npm start does); without it, or when
  // SAMSPIL_MODE says production, no demo account is ever created.
  const demo = (command === 'serve' || command === 'seed') && rest.includes('--demo');
  if (demo && process.env.SAMSPIL_MODE === 'production') {
    console.error('Demodata indlæses aldrig i produktionstilstand (SAMSPIL_MODE=production).');
    return 2;
  }
  let config: Config;
  try {
    const idps = command === 'serve' && rest.includes('--demo-idps') ? { DEMO_IDPS: 'on' } : {};
    config = loadConfig(demo ? { ...process.env, SAMSPIL_MODE: 'demo', ...idps } : { ...process.env, ...idps });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  switch (command) {
    case 'serve': {
      const { serve } = await import('./server.ts');
      await serve(config);
      return -1;
    }
    case 'migrate':
      await withDatabase(config, async () => undefined);
      console.log('Databasen er migreret.');
      return 0;
    case 'seed': {
      if (!rest.includes('--demo')) {
        console.error('Brug: samspil seed --demo');
        return 2;
      }
      const { hasAnyPeople, seedDemoData } = await import('./modules/demo.ts');
      return withDatabase(config, async ({ db }) => {
        if (await hasAnyPeople(db)) {
          console.error('Databasen indeholder allerede personer; demodata indlæses kun i en tom database.');
          return 2;
        }
        const { users } = await seedDemoData(db, { config });
        console.log(`Demodata indlæst: ${users} brugere med adgangskoden demo1234.`);
        return 0;
      });
    }
    case 'admin': {
      const email = option(rest, '--email');
      const name = option(rest, '--name');
      if (rest[0] !== 'create' || !email || !name) {
        console.error('Brug: samspil admin create --email EMAIL --name NAVN');
        return 2;
      }
      const { createCentralAdmin } = await import('./modules/auth/cli-admin.ts');
      return withDatabase(config, async ({ db }) => {
        const link = await createCentralAdmin(db, config, { email, name });
        console.log(`Administrator oprettet. Vælg adgangskode her (virker én gang, i 72 timer):\n${link}`);
        return 0;
      });
    }
    case 'token': {
      const email = option(rest, '--user');
      if (rest[0] !== 'create' || !email) {
        console.error('Brug: samspil token create --user EMAIL [--name NAVN]');
        return 2;
      }
      const { createTokenForEmail } = await import('./modules/auth/cli-token.ts');
      return withDatabase(config, async ({ db }) => {
        const token = await createTokenForEmail(db, config, email, option(rest, '--name') ?? 'Oprettet fra kommandolinjen');
        console.log(token);
        return 0;
      });
    }
    case 'import': {
      const file = rest[1];
      if (rest[0] === 'population' && file) {
        const { importPopulationFile } = await import('./modules/economy/population/import-population-file.ts');
        return withDatabase(config, ({ db }) => importPopulationFile(db, config, file));
      }
      if (rest[0] === 'aula-files' && file) {
        const { importAulaFilesFile } = await import('./modules/aula/inventory/import-files-file.ts');
        return withDatabase(config, ({ db }) => importAulaFilesFile(db, config, file));
      }
      if (rest[0] === 'kle' && file) {
        const { importKlePlanFile } = await import('./modules/borgerblikket/plan/import-kle-plan-file.ts');
        return withDatabase(config, ({ db }) => importKlePlanFile(db, config, file));
      }
      if (rest[0] !== 'municipalities' || !file) {
        console.error('Brug: samspil import municipalities FIL.csv, samspil import population FIL.csv, samspil import aula-files FIL.csv eller samspil import kle FIL.xml');
        return 2;
      }
      const { importMunicipalitiesFile } = await import('./modules/organisations/import-municipalities.ts');
      return withDatabase(config, ({ db }) => importMunicipalitiesFile(db, config, file));
    }
    case 'bench': {
      const { runBench } = await import('../bench/run.ts');
      await runBench(rest);
      return 0;
    }
    default:
      console.error(`Ukendt kommando: ${command}\n\n${HELP}`);
      return 2;
  }
}

const code = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
if (code >= 0) process.exit(code);
