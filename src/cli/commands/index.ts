// Every command, in the order `--help` lists them. A new command is one module
// here (made with `defineCommand`) and one entry in this list.
import type { Command } from '../command.js';
import { hookCommand } from './hook.js';
import { idKeyCommand } from './id-key.js';
import { mergeCommand } from './merge.js';
import { redactCommand } from './redact.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';

export const COMMANDS: readonly Command[] = [scanCommand, mergeCommand, redactCommand, rulesCommand, hookCommand, idKeyCommand];
