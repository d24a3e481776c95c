// Imported first wherever natural is loaded: some natural modules call dotenv, which would print a
// banner to stdout (and corrupt `wijkradar score` JSON Lines) unless told to be quiet.
process.env.DOTENV_CONFIG_QUIET = 'true';

/** True once the environment flag is set (importing this module sets it). */
export const DOTENV_QUIET = true;
