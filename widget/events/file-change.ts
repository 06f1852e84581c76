/**
 * @module
 * `sp-file-change`: the file picker's accepted file changed. Internal to the widget.
 */

/** The detail of {@link FileChangeEvent}. */
export interface FileChangeDetail {
  /** The file that passed the size and type checks, or null when it was removed. */
  file: File | null;
}

/** The file picker's accepted file changed. Bubbles, but stays inside the widget. */
export class FileChangeEvent extends CustomEvent<FileChangeDetail> {
  static readonly type = 'sp-file-change';

  constructor(detail: FileChangeDetail) {
    super(FileChangeEvent.type, { detail, bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sp-file-change': FileChangeEvent;
  }
}
