// Đồng hồ "tính đến ngày": the site is built each night; if this copy is older than today
// (Asia/Ho_Chi_Minh), relabel what the date has overtaken. Without JavaScript the labels
// of the build day stand. Progressive enhancement only: it adds nothing else.
(function () {
  var m = document.querySelector('meta[name="congkhai:as-of"]');
  if (!m || !window.Intl) return;
  var today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  if (today <= m.content) return;
  function relabel(sel, test, cls, text) {
    document.querySelectorAll(sel).forEach(function (e) {
      var l = e.querySelector(cls);
      if (l && test(e)) { l.textContent = text; l.className = l.className.replace(/--[\w-]+/, "--qua-han"); }
    });
  }
  relabel('[data-date][data-status="du-kien"]', function (e) { return e.dataset.date < today; }, ".ck-status", "Đã qua");
  relabel('[data-deadline][data-progress="dang-thuc-hien"]', function (e) { return e.dataset.deadline && e.dataset.deadline < today; }, ".ck-progress", "Quá hạn");
  relabel('[data-deadline][data-task-status]', function (e) { return e.dataset.deadline && e.dataset.deadline < today && /dang-thuc-hien|chua-bat-dau|chua-ro/.test(e.dataset.taskStatus); }, ".ck-task", "Quá hạn");
})();
