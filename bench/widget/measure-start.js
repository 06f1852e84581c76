// In the page (plain JavaScript, given to Chromium as it is): adds an element and measures until
// its first usable screen is there and a frame has been painted after it, with the long tasks.
window.benchMeasureStart = async (name, apiUrl, mode) => {
  const longTasks = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
    type: 'longtask',
  });
  // Every element under a root, through open shadow roots.
  const all = (node) =>
    [...node.querySelectorAll('*')].flatMap((el) => [
      el,
      ...(el.shadowRoot ? all(el.shadowRoot) : []),
    ]);
  const ready = (el) => {
    const inside = el.shadowRoot ? all(el.shadowRoot) : [];
    if (mode === 'logged-in') return inside.some((e) => e.matches('ul[aria-busy="false"] > li'));
    return inside.some((e) => e.matches('button, a[href], input'));
  };
  const channel = new MessageChannel();
  const nextTask = () =>
    new Promise((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  const element = document.createElement(name);
  if (name === 'support-portal') {
    element.setAttribute('api', apiUrl);
    element.setAttribute('storage-key', 'bench');
  }
  const start = performance.now();
  document.body.append(element);
  while (!ready(element)) {
    await nextTask();
    if (performance.now() - start > 20000) throw new Error('no screen in 20 s');
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const ms = performance.now() - start;
  // Long tasks are reported after they end: give the observer a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { ms, longTasks: longTasks.filter((t) => t.startTime >= start).map((t) => t.duration) };
};
