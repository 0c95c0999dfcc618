// PouchDB as the reference replicator: it pulls the store's database, reads what the
// tablets wrote, writes a customer of its own and edits one of theirs, and pushes.
window.interop = {
  async run(url, database, username, password, newId) {
    document.getElementById('version').textContent = PouchDB.version;
    const local = new PouchDB('interop-' + database);
    const remote = new PouchDB(url + '/' + database, { auth: { username, password } });
    const pulled = await local.replicate.from(remote);
    const all = await local.allDocs({ include_docs: true, conflicts: true });
    const customers = all.rows.filter(r => r.id.startsWith('customer:')).map(r => r.doc);
    if (customers.length === 0) return { error: 'no customer pulled', pulled };
    // A new customer, shaped as the tablets' documents are (a tablet's as the model).
    const model = customers[0];
    const mine = Object.assign({}, model, {
      _id: 'customer:' + newId, id: newId, name: '孙三', phone: '13600000003', phone_digits: '13600000003',
      name_key: '孙三', notes: null,
    });
    delete mine._rev; delete mine._conflicts;
    await local.put(mine);
    // An edit on top of a tablet's revision.
    const theirs = customers.find(c => c.name === '钱二');
    if (theirs) await local.put(Object.assign({}, theirs, { notes: 'PouchDB 写的备注' }));
    const pushed = await local.replicate.to(remote);
    return {
      version: PouchDB.version,
      pulled: pulled.docs_written,
      pushed: pushed.docs_written,
      names: customers.map(c => c.name).sort(),
      conflicts: customers.filter(c => c._conflicts).length,
      edited: theirs ? theirs._id : null,
    };
  },
};
