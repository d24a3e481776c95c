// Imported first wherever natural is loaded: some natural modules call dotenv, which would print a
// banner to stdout (and corrupt `wijkradar score` JSON Lines) unless told to be quiet.
process.env.DOTENV_CONFIG_QUIET = 'true';
