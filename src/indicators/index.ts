export { CrossOver } from './crossover.js';
export { SimpleMovingAverage } from './sma.js';
