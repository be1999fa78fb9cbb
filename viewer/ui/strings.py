"""User-interface texts in English and Simplified Chinese."""

from __future__ import annotations

import re

TEXTS: dict[str, tuple[str, str]] = {
    "title": (
        "factory-tour: Xiaomi EV plant, Beijing E-Town",
        "factory-tour：小米汽车北京亦庄工厂",
    ),
    "file": ("&File", "文件(&F)"),
    "open_plant": ("&Open plant layout...", "打开工厂布局(&O)..."),
    "quit": ("&Quit", "退出(&Q)"),
    "view": ("&View", "视图(&V)"),
    "language": ("&Language", "语言(&L)"),
    "help": ("&Help", "帮助(&H)"),
    "about": ("&About", "关于(&A)"),
    "shortcuts": ("&Keyboard and mouse", "键盘与鼠标(&K)"),
    "error_title": ("Cannot open the plant layout", "无法打开工厂布局"),
    "open_title": ("Open plant layout", "打开工厂布局"),
    "layout_files": ("Plant layout (*.toml)", "工厂布局 (*.toml)"),
    "status_view": ("View: {view}", "视图：{view}"),
    "status_time": ("Time {time}", "时间 {time}"),
    "status_cars": ("Cars completed: {count}", "已下线车辆：{count}"),
    "status_takt": ("Takt: {seconds} s", "节拍：{seconds} 秒"),
    "status_filling": ("Line filling: {percent}%", "产线填充：{percent}%"),
    "status_robots": ("Robots moving: {count} of {total}", "运动中的机器人：{count}/{total}"),
    "playback": ("Playback", "播放"),
    "play": ("Play", "播放"),
    "pause": ("Pause", "暂停"),
    "play_again": ("Play again", "重新播放"),
    "slower": ("Slower", "减速"),
    "faster": ("Faster", "加速"),
    "speed": ("Speed", "速度"),
    "tour": ("Tour", "参观路线"),
    "previous_stop": ("Previous stop", "上一站"),
    "next_stop": ("Next stop", "下一站"),
    "stops": ("Stops", "站点"),
    "camera": ("Camera", "镜头"),
    "camera_free": ("Free orbit", "自由视角"),
    "camera_seat": ("Seat view", "座位视角"),
    "camera_chase": ("Chase view", "跟随视角"),
    "camera_overview": ("Overview", "俯瞰跟随"),
    "tour_clock": ("Tour {elapsed} of {total}", "参观 {elapsed} / {total}"),
    "tour_drive": (
        "Driving {driven} of {drive} (plan {plan}), {left} to go",
        "行驶 {driven} / {drive}（计划 {plan}），还剩 {left}",
    ),
    "driving_to": ("On the way to: {stop}", "前往：{stop}"),
    "tour_over": ("The tour has ended.", "参观结束。"),
    "tour_end": ("End of the tour", "参观结束"),
    "minimap": ("Plan", "平面图"),
    "script_title": ("Guide's script", "讲解员脚本"),
    "timetable": ("Timetable", "时间表"),
    "stop": ("Stop", "站点"),
    "arrive": ("Arrive", "到达"),
    "leave": ("Leave", "离开"),
    "dwell": ("Stay", "停留"),
    "narration": ("Narration", "讲解词"),
    "notes": ("Guide's notes", "讲解员笔记"),
    "no_notes": ("(none yet)", "（暂无）"),
    "time_window": ("{arrive} to {leave} ({dwell} s)", "{arrive} 至 {leave}（{dwell} 秒）"),
    "drive_summary": (
        "Drive {drive} (plan {plan}); the whole tour {total}.",
        "车程 {drive}（计划 {plan}）；全程 {total}。",
    ),
    "export_script": ("&Export script...", "导出讲解脚本(&E)..."),
    "writing_script": ("Writing the script...", "正在生成脚本..."),
    "seat_view_caption": ("What visitors see here", "游客在此看到的景象"),
    "pdf_files": ("PDF (*.pdf)", "PDF (*.pdf)"),
    "open_route": ("Open &route...", "打开参观路线(&R)..."),
    "route_files": ("Tour route (*.toml)", "参观路线 (*.toml)"),
    "route_error_title": ("Cannot open the route", "无法打开参观路线"),
    "car_model_error_title": ("Cannot use the car model", "无法使用该汽车模型"),
    "route_problems": (
        "{file} does not pass the route checks; the current route stays open.",
        "{file} 未通过路线检查，仍使用当前路线。",
    ),
    "quality": ("&Quality", "画质(&Q)"),
    "quality_auto": ("Auto", "自动"),
    "quality_low": ("Low", "低"),
    "quality_medium": ("Medium", "中"),
    "quality_high": ("High", "高"),
    "quality_stepped_down": (
        "Frames were slow: quality lowered to {preset}",
        "画面过慢：画质已降为{preset}",
    ),
    "about_quality": (
        "Quality: {choice} (drawing: {preset})\nRenderer: {renderer}",
        "画质：{choice}（当前：{preset}）\n渲染器：{renderer}",
    ),
    "renderer_unknown": ("not known yet", "尚未知"),
    "software_starts_low": (
        "Software renderer ({renderer}): started on Low, not the remembered {preset} "
        "(View > Quality to change)",
        "软件渲染器（{renderer}）：以“低”画质启动，而非上次的“{preset}”（可在“视图 > 画质”中更改）",
    ),
    "show_frame_rate": ("Show &frame rate", "显示帧率(&F)"),
    "frame_rate": ("{fps} frames/s, {ms} ms a frame", "{fps} 帧/秒，每帧 {ms} 毫秒"),
    "frame_rate_fps": ("{fps} frames/s", "{fps} 帧/秒"),
    "frame_rate_idle": ("Frame rate: idle", "帧率：静止"),
    "frame_rate_unknown": ("not measured yet", "尚未测量"),
    "about_frame_rate": ("Frame rate: {rate}", "帧率：{rate}"),
    "text_size_menu": ("&Text size", "文字大小(&T)"),
    "text_size_step": ("{percent}%", "{percent}%"),
    "save_picture": ("Save &picture...", "保存图片(&P)..."),
    "save_picture_title": ("Save picture", "保存图片"),
    "picture_size": ("Size", "尺寸"),
    "picture_window": ("As the window ({width} × {height})", "与窗口相同（{width} × {height}）"),
    "picture_files": ("PNG image (*.png)", "PNG 图片 (*.png)"),
    "picture_saved": ("Picture saved: {path}", "图片已保存：{path}"),
    "picture_failed": ("Cannot save the picture", "无法保存图片"),
    "camera_auto": ("Automatic (as the kiosk)", "自动（同展厅循环）"),
    "export_video": ("Export &video...", "导出视频(&V)..."),
    "export_video_title": ("Export video", "导出视频"),
    "browse": ("Browse...", "浏览..."),
    "cancel": ("Cancel", "取消"),
    "video_file": ("File", "文件"),
    "video_start": ("From tour time", "起始参观时间"),
    "video_end": ("To tour time", "结束参观时间"),
    "video_fps": ("Frames a second", "帧率"),
    "video_lang_en": ("English", "英文"),
    "video_lang_zh": ("中文", "中文"),
    "video_lang_both": ("Both, alternating", "中英交替"),
    "writing_video": ("Writing {path}...", "正在写入 {path}..."),
    "video_failed": ("Cannot write the video", "无法写入视频"),
    "video_saved": ("Video saved: {path} ({frames} frames)", "视频已保存：{path}（{frames} 帧）"),
    "explain_plant": ("&Explain the plant", "讲解工厂(&E)"),
    "learning_title": ("Explain the plant", "讲解工厂"),
    "learning_step": ("Step {number} of {count}", "第 {number} 步，共 {count} 步"),
    "learning_previous": ("Previous", "上一步"),
    "learning_next": ("Next", "下一步"),
    "learning_done": ("Close", "结束"),
    "about_text": (
        "factory-tour {version}\n\nA 3D visualizer of the Xiaomi EV plant in Beijing E-Town "
        "and of the public tour through it.\nPlant layout: {plant}",
        "factory-tour {version}\n\n小米汽车北京亦庄工厂及其公众参观路线的三维可视化。\n"
        "工厂布局：{plant}",
    ),
    "tour_menu": ("&Tour", "参观(&T)"),
    "restart_tour": ("Restart the tour", "重新开始参观"),
    "rehearsal": ("&Rehearsal", "排练模式(&R)"),
    "rehearsal_panel": ("Rehearsal", "排练"),
    "text_size": ("Text size", "字号"),
    "watch_tour": ("Tour", "全程"),
    "watch_stop": ("This stop", "本站"),
    "watch_value": ("{elapsed}  (plan {planned})", "{elapsed}（计划 {planned}）"),
    "watch_of": ("{elapsed}  (plan {planned} of {total})", "{elapsed}（计划 {planned} / {total}）"),
    "behind": ("{time} behind", "落后 {time}"),
    "ahead": ("{time} ahead", "提前 {time}"),
    "on_time": ("On time", "准时"),
    "at_stop": ("Stop {index} of {count}: {stop}", "第 {index}/{count} 站：{stop}"),
    "next_up": ("Next: {stop}", "下一站：{stop}"),
    "waiting_next": (
        "The shuttle waits: press Next (→) to drive on.",
        "接驳车在等待：按“下一站”（→）继续行驶。",
    ),
    "press_space": ("Press Space to start the rehearsal.", "按空格键开始排练。"),
    "fig_area": ("{area} m²", "{area} 平方米"),
    "fig_height": ("{height} m high", "高 {height} 米"),
    "fig_robots": ("{count} robots", "{count} 台机器人"),
    "fig_takt": ("takt {seconds} s", "节拍 {seconds} 秒"),
    "fig_length": ("{km} km", "{km} 公里"),
    "fig_estimate": ("(size estimated)", "（尺寸为估计值）"),
    "my_notes": ("My notes for this stop", "本站笔记"),
    "save_notes": ("&Save notes", "保存笔记(&S)"),
    "notes_saved": ("Saved in {file}", "已保存到 {file}"),
    "notes_unsaved": ("Not saved yet", "尚未保存"),
    "notes_error_title": ("Cannot save the notes", "无法保存笔记"),
    "notes_error": (
        "The notes were not saved; {file} is unchanged and your notes are still here.\n\n{why}",
        "笔记未保存；{file} 保持不变，您的笔记仍保留在此。\n\n{why}",
    ),
    "unsaved_question": (
        "The guide's notes have changes that are not saved. Save them in the route file?",
        "讲解员笔记有未保存的更改。是否保存到路线文件？",
    ),
    "guide_paced": ("Wait at each stop until I press Next", "每站等待我按“下一站”"),
    "next_go": ("Next", "下一站"),
    "summary": ("Rehearsal summary", "排练小结"),
    "planned": ("Plan", "计划"),
    "actual": ("Actual", "实际"),
    "difference": ("Difference", "差值"),
    "skipped": ("skipped", "跳过"),
    "whole_tour": ("Whole tour", "全程"),
    "keys_views": ("1-9, 0", "1-9, 0"),
    "fly_to_view": ("Fly to a workshop view; 0: overview", "飞往车间视图；0：全景"),
    "info_card": ("About this", "说明"),
    "for_kids": ("In short", "简单地说"),
    "for_adults": ("In more detail", "详细地说"),
    "figures": ("Figures", "数据"),
    "live_figures": ("Right now", "此刻"),
    "close": ("Close", "关闭"),
    "shortcuts_mouse": (
        "Click a robot, a press, a car or a machine to learn about it.  Left drag: orbit.  "
        "Shift + left drag or middle drag: pan.  Wheel or right drag: zoom.",
        "点击机器人、压机、车辆或设备了解详情。左键拖动：旋转。Shift+左键或中键拖动：平移。"
        "滚轮或右键拖动：缩放。",
    ),
}

VIEW_NAMES: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "全景"),
    "die-casting": ("Die casting", "压铸车间"),
    "stamping": ("Stamping", "冲压车间"),
    "body": ("Body shop", "车身车间"),
    "paint": ("Paint shop", "涂装车间"),
    "battery": ("Battery shop", "电池车间"),
    "assembly": ("Final assembly", "总装车间"),
    "showroom": ("Showroom", "展厅"),
    "test-track": ("Test track", "试车跑道"),
    "cafeteria": ("Cafeteria", "餐厅"),
}

LANGUAGES = {"en": "English", "zh": "中文"}


def tr(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    en, zh = TEXTS[key]
    return (zh if lang == "zh" else en).format(**values)


def plain(text: str) -> str:
    """A menu text without its keyboard mnemonic, for a title or a label.

    >>> plain("&Quality"), plain("画质(&Q)"), plain("Save &picture...")
    ('Quality', '画质', 'Save picture...')
    """
    return re.sub(r"\(&\w\)|&", "", text)


def view_name(name: str, lang: str) -> str:
    """Display name of a preset view; the name itself for views this table does not know."""
    en, zh = VIEW_NAMES.get(name, (name, name))
    return zh if lang == "zh" else en
