/*
 * Luoshi's write rules for one plan's CouchDB database (docs/SYNC.md). CouchDB runs this for every
 * write of a document that is not a design or _local document; a thrown {forbidden} refuses it
 * with HTTP 403 and the message, which the app shows (mapped by the [code] in front).
 *
 * Plain ES5 on purpose: CouchDB's JavaScript query server (SpiderMonkey or QuickJS) and
 * pouchdb-server both evaluate it. The function is not installed as it stands: the design
 * document wraps it (src/domain/sync/design-doc.ts) with its fifth argument, the rules of the
 * plan (who owns which task, which record types only the office writes), written inline because
 * validate_doc_update sees no other document than the one being written.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by CouchDB through the design document
function luoshiValidate(newDoc, oldDoc, userCtx, secObj, rules) {
  var roles = (userCtx && userCtx.roles) || [];
  var id = String(newDoc._id);

  function has(list, x) {
    for (var i = 0; i < list.length; i++) if (list[i] === x) return true;
    return false;
  }
  function refuse(code, message) {
    throw { forbidden: '[' + code + '] ' + message };
  }
  function own(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  var isOffice = has(roles, '_admin') || has(roles, rules.officeRole);
  var myUnits = [];
  for (var r = 0; r < roles.length; r++) {
    if (typeof roles[r] === 'string' && roles[r].indexOf('unit:') === 0) myUnits.push(roles[r].slice(5));
  }

  // Nothing is ever deleted: a record may already be in every office's browser, and the plan and
  // the registry are replaced by a newer version, never removed.
  if (newDoc._deleted === true) refuse('no-delete', '不允许删除：落实的记录、计划和单位名录只增不删（' + id + '）');

  if (id.indexOf('_design/') === 0) {
    if (!isOffice) refuse('office-only', '只有市政府办公室可以修改服务器规则');
    return;
  }

  if (id === rules.planDoc || id === rules.registryDoc) {
    if (!isOffice) refuse('office-only', id === rules.planDoc ? '只有市政府办公室可以修改计划' : '只有市政府办公室可以修改单位名录');
    if (id === rules.planDoc) {
      if (!newDoc.plan || typeof newDoc.plan !== 'object' || !newDoc.plan.tasks) refuse('bad-shape', '计划文档缺少计划内容');
      if (newDoc.plan.id !== rules.planId) refuse('wrong-plan', '此数据库属于计划 ' + rules.planId + '，不能写入计划 ' + newDoc.plan.id);
    } else if (!newDoc.units || typeof newDoc.units.length !== 'number') {
      refuse('bad-shape', '单位名录文档缺少单位列表');
    }
    return;
  }

  // Every other document is one event, written once. An update reaches us with the stored
  // version as oldDoc; a later revision replicated without its parent still says so in
  // _revisions.
  if (oldDoc || (newDoc._revisions && newDoc._revisions.start > 1)) refuse('immutable', '记录一经写入不可修改（编号 ' + id + '）');
  if (typeof newDoc.type !== 'string' || typeof newDoc.unit !== 'string' || typeof newDoc.taskId !== 'string' || typeof newDoc.at !== 'string') {
    refuse('bad-shape', '记录缺少类型、填写单位、任务或时间（编号 ' + id + '）');
  }
  var officeType = has(rules.officeOnly, newDoc.type);
  if (!officeType && !has(rules.unitTypes, newDoc.type)) refuse('unknown-type', '服务器规则不认识记录类型 ' + newDoc.type + '（请市政府办公室用新版落实连接一次，以更新规则）');

  if (isOffice) {
    // The office writes its own supervision records, and passes on departments' records that
    // reached it as files (those keep their unit; issue 13's signatures say who wrote them).
    if (officeType && newDoc.unit !== rules.officeName) refuse('office-name', '督办类记录的填写单位必须是' + rules.officeName);
    return;
  }

  if (!myUnits.length) refuse('no-role', '此账号没有单位角色，不能写入记录');
  if (officeType) refuse('office-only', '“' + (rules.labels[newDoc.type] || newDoc.type) + '”只能由' + rules.officeName + '记录');
  if (!has(myUnits, newDoc.unit)) refuse('not-own-unit', '此账号属于' + myUnits.join('、') + '，不能以' + newDoc.unit + '的名义填写记录');
  if (!own(rules.owners, newDoc.taskId)) refuse('unknown-task', '计划中没有任务 ' + newDoc.taskId);
  var owners = rules.owners[newDoc.taskId];
  for (var o = 0; o < owners.length; o++) {
    if (rules.units[owners[o]] === newDoc.unit) return;
  }
  refuse('not-owner', newDoc.unit + '不是任务 ' + newDoc.taskId + ' 的牵头或配合单位');
}
