// A few promises over IndexedDB, the browser's database that outlives a closed tab or browser:
// where the owner's unsent answers and the advisor's offline work are kept. Runs in pages and in
// service workers.

/** Opens (and creates or upgrades) a database whose stores are keyed by the given property. */
export function openDb(name: string, version: number, stores: Record<string, string>): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => {
      for (const [store, keyPath] of Object.entries(stores)) if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store, { keyPath });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Runs `work` in one transaction and resolves once it is committed (durable), with what work returned. */
export function inTransaction<T>(db: IDBDatabase, stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => T | IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode, { durability: "strict" } as IDBTransactionOptions);
    let out: T | undefined;
    const r = work(tx);
    if (r instanceof IDBRequest) r.onsuccess = () => (out = r.result);
    else out = r;
    tx.oncomplete = () => resolve(out as T);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const getAll = <T>(db: IDBDatabase, store: string) => inTransaction<T[]>(db, [store], "readonly", (tx) => tx.objectStore(store).getAll() as IDBRequest<T[]>);
export const getOne = <T>(db: IDBDatabase, store: string, key: IDBValidKey) => inTransaction<T | undefined>(db, [store], "readonly", (tx) => tx.objectStore(store).get(key) as IDBRequest<T | undefined>);
export const putOne = (db: IDBDatabase, store: string, value: unknown) => inTransaction(db, [store], "readwrite", (tx) => void tx.objectStore(store).put(value));
export const deleteOne = (db: IDBDatabase, store: string, key: IDBValidKey) => inTransaction(db, [store], "readwrite", (tx) => void tx.objectStore(store).delete(key));
