// Runs right after leaflet.js; geodata/assets.py fills in the marker images (data URIs).
;(function () {
  L.Icon.Default.imagePath = "";
  // Leaflet focuses the map on the first mousedown (keyboard navigation). A plain focus()
  // scrolls the page that holds the map's iframe when the map is partly below the fold, so the
  // mouseup lands elsewhere and the first click is lost: focus without scrolling.
  L.Map.Keyboard.prototype._onMouseDown = function () {
    if (this._focused) { return; }
    this._map._container.focus({preventScroll: true});
  };
  L.Icon.Default.mergeOptions({
    iconUrl: "%(icon)s", iconRetinaUrl: "%(icon2x)s", shadowUrl: "%(shadow)s"
  });
  if (typeof window.$ === "undefined") {
    window.$ = function (arg) {
      if (typeof arg === "string") {
        var t = document.createElement("template");
        t.innerHTML = arg.trim();
        return Array.prototype.slice.call(t.content.children);
      }
      return { ready: function (fn) {
        if (document.readyState !== "loading") { fn(); }
        else { document.addEventListener("DOMContentLoaded", fn); }
      } };
    };
  }
})();
