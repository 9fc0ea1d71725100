/**
 * The little of the browser's DOM that functions run inside the workbench page use. The project
 * compiles without `lib: dom` (it would hide browser globals creeping into Node code), so those
 * functions reach the page through `globalThis as unknown as PageWindow`.
 */
export interface DomElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  textContent: string | null;
  /** Inputs only. */
  value?: string;
}

export interface PageWindow {
  document: {
    querySelector(selector: string): DomElement | null;
    querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
  };
  addEventListener(type: 'keydown', listener: (e: { ctrlKey: boolean; key: string }) => void, capture: boolean): void;
  removeEventListener(type: 'keydown', listener: (e: { ctrlKey: boolean; key: string }) => void, capture: boolean): void;
  /** When the last Ctrl+S went down (performance.now()), set by saveAndTimeProblem. */
  __msSaveAt?: number;
  __msKeyHook?: boolean;
  /** Every notification seen since recordNotifications(), with its time and whether it showed progress. */
  __msNotes?: NotificationSeen[];
  MutationObserver: new (cb: () => void) => { observe(target: unknown, opts: { childList: boolean; subtree: boolean; attributes: boolean }): void };
}

export interface NotificationSeen {
  atMs: number;
  label: string;
  progress: boolean;
}
