/** Simplified Chinese, the national catalog tree (类/项/目/细目) the bureau maintains. */
export const zhClasses = {
  'menu.classes': '目录分类',
  'classes.intro':
    '政务信息资源目录按“类—项—目—细目”编码：类 1 位，项 2 位，目 3 位，细目 3 位。部门信息资源（3）下每个部门一个“项”，由平台在部门首次编目时自动分配。',
  'classes.search': '按代码或名称查找',
  'classes.pick': '在左侧选择一个分类节点',
  'classes.code': '分类代码',
  'classes.name': '分类名称',
  'classes.level': '层级',
  'classes.parent': '上级分类',
  'classes.department': '所属部门',
  'classes.rename': '修改名称',
  'classes.addChild': '添加下级分类',
  'classes.childCode': '下级代码',
  'classes.childCodeHint': '在本节点代码后追加 {digits} 位数字',
  'classes.childCodeRule': '须为 {digits} 位数字',
  'classes.noChild': '该节点下不能再添加分类',
  'classes.departmentItems': '部门的“项”由平台自动分配，只能在其下添加“目”',
  'classes.added': '已添加分类 {code}',
  'classes.renamed': '已修改名称',
  'classes.readOnly': '仅大数据局可以修改目录分类',
}
