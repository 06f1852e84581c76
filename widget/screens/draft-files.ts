/**
 * @module
 * The files of drafts (draft.ts), in IndexedDB: `File` objects are structured-cloneable, so the
 * name, type and bytes come back as chosen. A chunk of its own, loaded only when a draft has a
 * file. Keys are the drafts' keys.
 */

const STORE = 'files';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('support-portal-drafts', 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  use: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = use(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () =>
        reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export function saveFile(key: string, file: File): Promise<unknown> {
  return run('readwrite', (store) => store.put(file, key));
}

export async function loadFile(key: string): Promise<File | null> {
  const found: unknown = await run('readonly', (store) => store.get(key));
  return found instanceof File ? found : null;
}

/** Deletes the file of draft `key`, or with `exact` false of every draft whose key starts with it. */
export function deleteFiles(key: string, exact: boolean): Promise<unknown> {
  return run('readwrite', (store) =>
    store.delete(exact ? key : IDBKeyRange.bound(key, `${key}\uffff`)),
  );
}
