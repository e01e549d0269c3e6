(function () {
  "use strict";
  var items = new Map();
  var articleOf = new Map();
  document.querySelectorAll("li.fi").forEach(function (li) {
    items.set(li.id, li);
    articleOf.set(li.id, li.closest("section.article").id);
  });
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.f"));
  var tip = document.getElementById("tip");

  function checked(kind) {
    var out = new Set();
    document.querySelectorAll('input[data-filter="' + kind + '"]').forEach(function (box) {
      if (box.checked) { out.add(box.value); }
    });
    return out;
  }

  function visibleIds(mark) {
    return mark.dataset.f.split(" ").filter(function (id) {
      var li = items.get(id);
      return li && !li.hidden;
    });
  }

  function apply() {
    var cats = checked("category");
    var sevs = checked("severity");
    var shown = {};
    items.forEach(function (li) {
      var hide = !(cats.has(li.dataset.cat) && sevs.has(li.dataset.sev));
      if (li.hidden !== hide) { li.hidden = hide; }
      var article = articleOf.get(li.id);
      shown[article] = (shown[article] || 0) + (li.hidden ? 0 : 1);
    });
    marks.forEach(function (mark) {
      var ids = visibleIds(mark);
      var off = ids.length === 0;
      if (mark.classList.contains("off") !== off) {
        mark.classList.toggle("off", off);
        mark.tabIndex = off ? -1 : 0;
      }
      if (!off) {
        var top = items.get(ids[0]);
        var claim = ids.some(function (id) { return items.get(id).dataset.cat === "claim"; });
        if (mark.dataset.cat !== top.dataset.cat) { mark.dataset.cat = top.dataset.cat; }
        if (mark.dataset.sev !== top.dataset.sev) { mark.dataset.sev = top.dataset.sev; }
        if (mark.classList.contains("claim") !== claim) { mark.classList.toggle("claim", claim); }
      }
    });
    document.querySelectorAll(".total[data-article]").forEach(function (badge) {
      var count = String(shown[badge.dataset.article] || 0);
      if (badge.textContent !== count) { badge.textContent = count; }
    });
  }

  function showTip(mark) {
    var ids = visibleIds(mark);
    if (!ids.length) { hideTip(); return; }
    tip.textContent = "";
    ids.forEach(function (id) {
      var li = items.get(id);
      var box = document.createElement("div");
      box.className = "t-item";
      var head = document.createElement("strong");
      head.textContent = li.querySelector(".rule").textContent + " ";
      box.appendChild(head);
      box.appendChild(document.createTextNode(li.querySelector(".msg").textContent));
      var sugg = li.querySelector(".sugg");
      if (sugg) {
        var s = document.createElement("div");
        s.className = "t-sugg";
        s.textContent = sugg.textContent;
        box.appendChild(s);
      }
      tip.appendChild(box);
    });
    var rect = mark.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(4, window.scrollX + rect.left) + "px";
    tip.style.top = (window.scrollY + rect.bottom + 6) + "px";
    mark.setAttribute("aria-describedby", ids.join(" "));
    document.querySelectorAll(".flist li.current").forEach(function (li) { li.classList.remove("current"); });
    ids.forEach(function (id) { items.get(id).classList.add("current"); });
  }

  function hideTip() { tip.hidden = true; }

  document.addEventListener("change", function (event) {
    if (event.target.matches("input[data-filter]")) { apply(); }
  });
  marks.forEach(function (mark) {
    mark.addEventListener("mouseenter", function () { showTip(mark); });
    mark.addEventListener("mouseleave", hideTip);
    mark.addEventListener("focus", function () { showTip(mark); });
    mark.addEventListener("blur", hideTip);
  });
  items.forEach(function (li) {
    li.addEventListener("click", function (event) {
      var mark = document.querySelector('mark.f[data-f~="' + li.id + '"]');
      if (!mark) { return; }
      event.preventDefault();
      mark.scrollIntoView({ block: "center" });
      if (!mark.classList.contains("off")) { mark.focus(); }
    });
  });
  apply();
})();
