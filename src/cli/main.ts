#!/usr/bin/env node
/** `govshare <command>`: operators script the platform with the same settings as `npm start`. */
import { runCli } from './program.js'

const io = { env: process.env, stdout: process.stdout, stderr: process.stderr, exitCode: 0 }
process.exitCode = await runCli(process.argv.slice(2), io)
