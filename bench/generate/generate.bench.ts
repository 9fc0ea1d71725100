// `npm run bench` runs every *.bench.ts: this one is the generator's benchmark (see bench.ts).
import './bench';
