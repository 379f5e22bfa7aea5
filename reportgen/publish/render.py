"""The change report (变更说明) of one event as Markdown and as a standalone HTML page,
and a short summary for group robots and mail subjects."""

from __future__ import annotations

from html import escape
from typing import Any

from reportgen.publish.changeset import Event

_CHANGE = {"added": "新增", "removed": "删除", "changed": "修改"}
_KIND = {"kpi": "指标卡", "sentence": "文字", "table": "表格", "chart": "图表"}


def title(event: Event) -> str:
    if event["result"] == "failed" and not event["outputs"]:
        names = "、".join(dict.fromkeys(f["region_name"] for f in event["failures"]))
        return f"简报生成失败：{names or '整个构建'}"
    names = "、".join(dict.fromkeys(o["region_name"] for o in event["outputs"]))
    suffix = "（部分失败）" if event["failures"] else ""
    return f"简报已更新：{names}（{len(event['outputs'])}个文件）{suffix}"


def sections(event: Event) -> list[tuple[str, list[str]]]:
    """(heading, lines) in reading order; lines are plain text (Markdown-safe enough)."""
    out: list[tuple[str, list[str]]] = []
    if event["error"]:
        out.append(("构建失败", [event["error"], *event["error_findings"]]))
    if event["failures"]:
        out.append(("生成失败的文件", [
            f"{f['path']}（{f['region_name']}）：{f['error']}" for f in event["failures"]]))
    if event["first_build"]:
        out.append(("数据变更", ["首次构建：全部数据均为新增，不逐行列出。"]))
    elif event["data_rows"]:
        out.append(("数据变更", [_row(r) for r in event["data_rows"]]))
    if event["outputs"]:
        out.append(("重新生成的文件", [
            f"{o['path']}（{o['region_name']}）：原因：{o['reason']}" for o in event["outputs"]]))
    if event["figures"]:
        out.append(("印出的数字和语句的变化", [_figure(f) for f in event["figures"]]))
    findings = event["findings"]
    if findings["appeared"] or findings["cleared"]:
        out.append(("数据核查结果的变化",
                    [f"新出现：{f}" for f in findings["appeared"]]
                    + [f"已消除：{f}" for f in findings["cleared"]]))
    return out


def _row(r: dict[str, Any]) -> str:
    where = f"{r['file']} 第{r['row']}行" if r["file"] else "（该行已删除）"
    values = {"changed": f"{r['old']} → {r['new']}", "added": f"新值 {r['new']}",
              "removed": f"原值 {r['old']}"}[r["change"]]
    return (f"{_CHANGE[r['change']]}：{r['region_name']} {r['indicator_name']}"
            f"（{r['period_label']}）：{values}；来源：{r['source_title']}；{where}")


def _figure(f: dict[str, Any]) -> str:
    where = "、".join(f"{w['path']} 第{w['page']}{w['unit']}" if w["page"] else w["path"]
                     for w in f["where"])
    kind = _KIND.get(f["kind"], f["kind"])
    if f["old"] and f["new"]:
        text = f"原为“{f['old']}”，现为“{f['new']}”"
    elif f["new"]:
        text = f"新增“{f['new']}”"
    else:
        text = f"删去“{f['old']}”"
    return f"{f['region_name']} · {f['section']} · {kind}：{text}（{where}）"


def markdown(event: Event) -> str:
    lines = [f"# 变更说明：{title(event)}", "", f"构建时间：{event['time']}（UTC）", ""]
    for heading, items in sections(event):
        lines += [f"## {heading}", "", *(f"- {_md(i)}" for i in items), ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("\n", " ").replace("*", r"\*").replace("_", r"\_")


def html(event: Event) -> str:
    body = [f"<h1>变更说明：{escape(title(event))}</h1>",
            f"<p>构建时间：{escape(event['time'])}（UTC）</p>"]
    for heading, items in sections(event):
        body.append(f"<h2>{escape(heading)}</h2>\n<ul>")
        body += [f"<li>{escape(i)}</li>" for i in items]
        body.append("</ul>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\">"
            f"<title>{escape(title(event))}</title>\n<style>body{{font-family:sans-serif;"
            "max-width:60em;margin:2em auto;line-height:1.6}}li{margin:.3em 0}</style>"
            "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def summary(event: Event, limit: int = 3800) -> str:
    """Markdown for group robots: the same report, cut to ``limit`` UTF-8 bytes
    (企业微信 accepts 4096 bytes of markdown, 钉钉 about 5000)."""
    text = markdown(event)
    if len(text.encode("utf-8")) <= limit:
        return text
    tail = "\n\n……（完整内容见 output/changes/latest.html）"
    room = limit - len(tail.encode("utf-8"))
    cut = text.encode("utf-8")[:room].decode("utf-8", "ignore")
    return cut.rsplit("\n", 1)[0] + tail
