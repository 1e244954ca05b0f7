// "Tính đến ngày": on a copy older than today (Asia/Ho_Chi_Minh), relabel what the date has
// overtaken (planned sessions and meetings, commitments and tasks past their deadline) and
// recount [data-count]. Without JavaScript the build day's labels stand.
(function () {
  var m = document.querySelector('meta[name="congkhai:as-of"]');
  if (!m || !window.Intl) return;
  var today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  if (today <= m.content) return;
  function relabel(sel, key, cls, text, test) {
    document.querySelectorAll(sel).forEach(function (e) {
      var l = e.querySelector(cls), d = e.dataset[key];
      if (l && d && d < today && (!test || test(e))) {
        l.textContent = text;
        l.className = l.className.replace(/--[\w-]+/, "--qua-han");
        if (e.dataset.progress) e.dataset.progress = "qua-han";
      }
    });
  }
  relabel('[data-date][data-status="du-kien"]', "date", ".ck-status", "Đã qua (chưa cập nhật kết quả)");
  relabel('[data-progress="dang-thuc-hien"]', "deadline", ".ck-progress", "Quá hạn");
  relabel("[data-task-status]", "deadline", ".ck-task", "Quá hạn", function (e) { return /dang-thuc-hien|chua-bat-dau|chua-ro/.test(e.dataset.taskStatus); });
  document.querySelectorAll("[data-count]").forEach(function (c) {
    c.textContent = document.querySelectorAll('.ck-open-items [data-progress="' + c.dataset.count + '"]').length;
  });
})();
