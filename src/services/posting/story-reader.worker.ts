/** The story reader's thread (story-reader.ts), started by piscina. */
import { runStoryTask } from './story-task.ts';

export default runStoryTask;
