import { randomInt } from 'node:crypto';

const ADJECTIVES = [
  'Quiet', 'Gentle', 'Calm', 'Bright', 'Steady', 'Kind', 'Warm', 'Brave', 'Hopeful', 'Patient',
  'Soft', 'Clear', 'Still', 'Golden', 'Silver', 'Misty', 'Sunny', 'Mellow', 'Tender', 'Easy',
  'Open', 'Curious', 'Humble', 'Lucky', 'Peaceful', 'Restful', 'Serene', 'Cheerful', 'Wise', 'Light',
];
const ANIMALS = [
  'Heron', 'Otter', 'Sparrow', 'Fox', 'Deer', 'Robin', 'Badger', 'Owl', 'Dolphin', 'Finch',
  'Hare', 'Wren', 'Swan', 'Panda', 'Seal', 'Lark', 'Koala', 'Crane', 'Turtle', 'Bee',
  'Lynx', 'Moth', 'Falcon', 'Beaver', 'Kestrel', 'Puffin', 'Marten', 'Gecko', 'Ibis', 'Starling',
];

/** A random friendly alias such as "Quiet Heron": no information about the seeker in it (PRIV3). */
export function randomAlias(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]}`;
}
