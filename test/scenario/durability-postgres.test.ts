/** "A write answered with 2xx survives the process being killed": durability-suite.ts on PostgreSQL. */
import { durabilitySuite } from './durability-suite.js'

durabilitySuite('postgres')
