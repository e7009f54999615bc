#!/usr/bin/env python3
"""Fails when the modules of a crate depend on each other in a cycle.

Each crate's modules form a graph: an edge from module A to module B when A names B through a
`crate::` path, a `super::` path, or (for a parent) a child module's name. A child using items of
its own ancestor is not counted: that is how Rust modules are written. Every strongly connected
component of more than one module is a cycle; the script prints each with its edges and exits 1.

Usage: python3 .ci/module_cycles.py [CRATES_DIR] [--edges CRATE]
"""
import os
import re
import sys

TEST_MODULE = re.compile(r'#\[cfg\(test\)\]\s*mod tests\s*\{')
PATH = re.compile(r'\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)')
BRACES = re.compile(r'\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{')


def module_path(src, file):
    parts = os.path.relpath(file, src)[:-3].split(os.sep)
    if parts[-1] in ('lib', 'main', 'mod'):
        parts = parts[:-1]
    return tuple(parts)


def expand_braces(text):
    """`crate::{a::X, b::{c, d}}` becomes `crate::a::X crate::b::c crate::b::d`."""
    out, i = [], 0
    while True:
        m = BRACES.search(text, i)
        if not m:
            out.append(text[i:])
            return ''.join(out)
        out.append(text[i:m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {'{': 1, '}': -1}.get(text[j], 0)
            j += 1
        prefix = m.group(1) + m.group(2)
        items, level, current = [], 0, ''
        for ch in text[m.end():j - 1]:
            if ch == ',' and level == 0:
                items.append(current)
                current = ''
                continue
            level += {'{': 1, '}': -1}.get(ch, 0)
            current += ch
        items.append(current)
        for item in (x.strip() for x in items):
            if item and item != 'self':
                out.append(' ' + expand_braces(prefix + '::' + item) + ' ')
        i = j


def longest_module(parts, modules):
    for n in range(len(parts), 0, -1):
        if tuple(parts[:n]) in modules:
            return tuple(parts[:n])
    return None


def edges_of(src):
    files = [os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith('.rs')]
    modules = {module_path(src, f): f for f in files}
    edges = {}
    for module, file in modules.items():
        if module and module[-1] == 'tests':
            continue
        with open(file, encoding='utf-8') as handle:
            text = TEST_MODULE.split(handle.read())[0]
        text = expand_braces(text)
        targets = set()
        for kind, path in PATH.findall(text):
            parts = path.split('::')[1:]
            base = [] if kind == 'crate' else list(module[:-1])
            found = longest_module(base + parts, modules)
            if found is not None:
                targets.add(found)
        for child in modules:
            if len(child) == len(module) + 1 and child[:len(module)] == module \
                    and child[-1] != 'tests' \
                    and re.search(r'(?<![:\w])' + child[-1] + r'::', text):
                targets.add(child)
        # A module naming itself or one of its ancestors is not an edge.
        edges[module] = {t for t in targets if t != module and module[:len(t)] != t}
    return edges


def cycles(edges):
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def name(module):
    return '::'.join(module) or '(crate root)'


def main(argv):
    root = 'crates'
    show_edges = None
    args = list(argv)
    if '--edges' in args:
        show_edges = args[args.index('--edges') + 1]
        del args[args.index('--edges'):args.index('--edges') + 2]
    if args:
        root = args[0]
    failed = False
    for crate in sorted(os.listdir(root)):
        src = os.path.join(root, crate, 'src')
        if not os.path.isdir(src):
            continue
        edges = edges_of(src)
        if crate == show_edges:
            for module in sorted(edges):
                print(f'{name(module)} -> {", ".join(name(t) for t in sorted(edges[module]))}')
        for component in cycles(edges):
            failed = True
            print(f'{crate}: modules in a cycle: {", ".join(name(m) for m in component)}')
            for a in component:
                for b in sorted(edges[a]):
                    if b in component:
                        print(f'    {name(a)} -> {name(b)}')
    if failed:
        print('module cycles found: move what both sides need into a lower module')
        return 1
    print('no module cycles')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
