/**
 * English, the national catalog tree (类/项/目/细目) the bureau maintains.
 * Typed against the Chinese keys so none can be missing.
 */
import type { zhClasses } from '../zh/classes'

export const enClasses: Record<keyof typeof zhClasses, string> = {
  'menu.classes': 'Catalog classes',
  'classes.intro':
    'Resource codes follow class — item — entry — sub-entry (类/项/目/细目): 1, 2, 3 and 3 digits. Under department resources (3) each department has one item, allocated by the platform when the department first catalogs.',
  'classes.search': 'Find by code or name',
  'classes.pick': 'Pick a node of the tree on the left',
  'classes.code': 'Class code',
  'classes.name': 'Class name',
  'classes.level': 'Level',
  'classes.parent': 'Parent',
  'classes.department': 'Department',
  'classes.rename': 'Rename',
  'classes.addChild': 'Add a child',
  'classes.childCode': 'Child code',
  'classes.childCodeHint': 'this code followed by {digits} digits',
  'classes.childCodeRule': '{digits} digits',
  'classes.noChild': 'No classes can be added below this node',
  'classes.departmentItems': "A department's item is allocated by the platform: add entries below it",
  'classes.added': 'Class {code} added',
  'classes.renamed': 'Renamed',
  'classes.readOnly': 'Only the bureau changes the catalog classes',
}
