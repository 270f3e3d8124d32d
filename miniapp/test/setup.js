// Unit tests run as the h5 build (the build replaces this constant at compile time).
process.env.TARO_ENV = process.env.TARO_ENV || 'h5';
process.env.TARO_APP_API_BASE = '';

// How long findBy…/waitFor wait for what a page renders: Testing Library's 1 s is short of what a
// page takes on a loaded machine. (The dom package: /react here would register its cleanup before
// Jest's afterEach exists.)
require('@testing-library/dom').configure({ asyncUtilTimeout: 10000 });

// Known, harmless warnings of third-party components under jsdom; everything else still prints.
const IGNORED = [
  /forwardRef render functions accept exactly two parameters/,
  /Unsupported style property/,
  // Stencil's value watcher of <taro-input-core> wants the inner <input> it never renders here.
  /watchValue\].*taro-input-core\.js/,
  // The same for the inner <textarea> of <taro-textarea-core>.
  /watchValue\].*taro-textarea-core\.js/,
];
const originalError = console.error;
console.error = (...args) => {
  const text = args
    .map((arg) => (typeof arg === 'string' ? arg : arg && typeof arg.stack === 'string' ? arg.stack : ''))
    .join(' ');
  if (IGNORED.some((pattern) => pattern.test(text))) return;
  originalError(...args);
};
