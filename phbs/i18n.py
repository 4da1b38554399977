"""The message catalogue for labels shown to people: Indonesian by default, English on request.

Issue messages live with the issue catalogue (:mod:`phbs.issues`); this module holds every
other label the CLI and the reports print.
"""

from __future__ import annotations

import math
import re
from typing import Literal

Lang = Literal["id", "en"]

LABELS: dict[str, tuple[str, str]] = {
    "kode": ("Kode", "Code"),
    "nama": ("Nama", "Name"),
    "dusun": ("Dusun", "Sub-village"),
    "disurvei": ("Disurvei", "Surveyed"),
    "ber_phbs": ("Ber-PHBS", "PHBS"),
    "tidak_ber_phbs": ("Tidak", "Not PHBS"),
    "belum_lengkap": ("Blm lengkap", "Incomplete"),
    "persen_ber_phbs.lengkap": ("% ber-PHBS", "% PHBS"),
    "persen_ber_phbs.disurvei": ("% ber-PHBS/disurvei", "% PHBS/surveyed"),
    "dipantau": ("% dipantau", "% monitored"),
    "iks.berindeks": ("IKS wilayah (sehat/berindeks)", "Area IKS (healthy/with index)"),
    "sehat": ("% RT sehat (sehat/berkelas)", "% healthy households (healthy/with class)"),
    "tanpa_kelas": ("Tanpa kelas", "Without a class"),
    "sampel_kurang": ("sampel < 210", "sample < 210"),
    "total": ("Jumlah", "Total"),
    "level.dusun": ("dusun", "sub-village"),
    "level.desa": ("desa/kelurahan", "village"),
    "level.kecamatan": ("kecamatan", "district"),
    "level.kabupaten": ("kabupaten/kota", "regency/city"),
    "level.provinsi": ("provinsi", "province"),
    "title.score": ("Hasil PHBS rumah tangga per {level}", "Household PHBS results by {level}"),
    "reconciliation": (
        "{read} baris dibaca = {scored} diskor + {aside} disisihkan",
        "{read} {read|row|rows} read = {scored} scored + {aside} set aside",
    ),
    "reconciliation.recap": (
        "{read} baris rekap dibaca = {scored} desa dipakai + {aside} disisihkan",
        "{read} recap rows read = {scored} {scored|village|villages} used + {aside} set aside",
    ),
    "reconciliation.shapes": (
        " (baris rumah tangga; {rows} baris anggota/jawaban di berkas menjadi {households} "
        "rumah tangga + {aside} baris disisihkan{alone})",
        " (household rows; {rows} member/answer rows in the files became {households} "
        "households + {aside} {aside|row|rows} set aside{alone})",
    ),
    "issues.summary": (
        "Masalah data: {errors} galat, {warnings} peringatan, {infos} info",
        "Data issues: {errors} {errors|error|errors}, {warnings} {warnings|warning|warnings}, "
        "{infos} {infos|note|notes}",
    ),
    "issues.summary.split": (
        " ({rows} dari membaca berkas survei, seperti daftar phbs validate; {other} dari "
        "angka desa dan berkas lain: besar sampel, dipantau, berkas desa, kewajaran, lomba, "
        "putaran pembanding)",
        " ({rows} from reading the survey files, as phbs validate lists them; {other} from "
        "the village figures and other files: sample size, monitoring, villages file, "
        "plausibility, contest, earlier round)",
    ),
    "issues.none": ("Tidak ada masalah data.", "No data issues."),
    "issues.hint": (
        "Rincian: phbs validate {files} -o masalah.xlsx",
        "Details: phbs validate {files} -o issues.xlsx",
    ),
    "settings": (
        "Formulir {form} · indikator tidak berlaku: {policy} · tingkat {level}",
        "Form {form} · not-applicable indicators: {policy} · level {level}",
    ),
    "note.persen.lengkap": (
        "% ber-PHBS = ber-PHBS / (ber-PHBS + tidak) × 100; rumah tangga belum lengkap tidak "
        "masuk penyebut dan ditampilkan di sampingnya.",
        "% PHBS = PHBS / (PHBS + not PHBS) × 100; incomplete households are left out of the "
        "denominator and shown beside it.",
    ),
    "note.persen.disurvei": (
        "% ber-PHBS = ber-PHBS / rumah tangga disurvei × 100 (penyebut menurut formulir); "
        "rumah tangga belum lengkap masuk penyebut sebagai tidak ber-PHBS.",
        "% PHBS = PHBS / households surveyed × 100 (the form's denominator); incomplete "
        "households are in the denominator, counted as not practising PHBS.",
    ),
    "note.iks.berindeks": (
        "IKS wilayah = keluarga sehat / keluarga yang IKS-nya dapat dihitung; keluarga tanpa "
        "IKS tidak masuk penyebut.",
        "Area IKS = healthy families / families whose index can be computed; families without "
        "an index are left out of the denominator.",
    ),
    "note.iks.semua_keluarga": (
        "IKS wilayah = keluarga sehat / semua keluarga disurvei (penyebut menurut formulir); "
        "keluarga tanpa IKS masuk penyebut sebagai tidak sehat.",
        "Area IKS = healthy families / all families surveyed (the form's denominator); "
        "families without an index are in the denominator, counted as not healthy.",
    ),
    "denominator.persen_ber_phbs.lengkap": (
        "ber-PHBS / (ber-PHBS + tidak ber-PHBS): rumah tangga belum lengkap di luar penyebut",
        "PHBS / (PHBS + not PHBS): incomplete households left out of the denominator",
    ),
    "denominator.persen_ber_phbs.disurvei": (
        "ber-PHBS / rumah tangga disurvei: rumah tangga belum lengkap masuk penyebut",
        "PHBS / households surveyed: incomplete households in the denominator",
    ),
    "denominator.iks_wilayah.berindeks": (
        "keluarga sehat / keluarga yang IKS-nya dapat dihitung",
        "healthy families / families whose index can be computed",
    ),
    "denominator.iks_wilayah.semua_keluarga": (
        "keluarga sehat / semua keluarga disurvei",
        "healthy families / all families surveyed",
    ),
    "denominator.source": ("sumber: {source}", "source: {source}"),
    "iks.semua_keluarga": ("IKS wilayah (sehat/semua keluarga)", "Area IKS (healthy/all families)"),
    "written": ("Ditulis: {path}", "Written: {path}"),
    "compare.issues.hint": (
        "Rincian putaran {label}: {command} -o masalah.xlsx",
        "Details of round {label}: {command} -o issues.xlsx",
    ),
    "compare.cli.two_rounds": (
        "perbandingan memerlukan sedikitnya dua putaran berlabel berbeda: --round 2024=… "
        "--round 2025=…",
        "a comparison needs at least two rounds with different labels: --round 2024=… "
        "--round 2025=…",
    ),
    "title.compare": (
        "Perubahan {first} → {last} per {level}",
        "Change {first} → {last} by {level}",
    ),
    "trends.round": (
        "Putaran {label}: {files}; formulir {form}; {villages} desa, {households} rumah tangga "
        "disurvei; {totals}",
        "Round {label}: {files}; form {form}; {villages} villages, {households} households "
        "surveyed; {totals}",
    ),
    "trends.round.totals": (
        "jumlah rumah tangga {known} desa dari {source}",
        "total households of {known} villages from {source}",
    ),
    "trends.round.no_totals": (
        "jumlah rumah tangga desa tidak diketahui (tanpa koreksi populasi terbatas)",
        "villages' total households unknown (no finite population correction)",
    ),
    "trends.col.first": ("% {label} (n)", "% {label} (n)"),
    "trends.col.change": ("perubahan (poin)", "change (points)"),
    "trends.col.ci": ("IK {level} %", "{level}% CI"),
    "trends.col.verdict": ("putusan", "verdict"),
    "trends.col.paired": ("RT sama: jadi/lepas", "same households: in/out"),
    "trends.verdict.naik": ("naik", "up"),
    "trends.verdict.turun": ("turun", "down"),
    "trends.verdict.tidak_berubah_bermakna": (
        "tidak berubah bermakna",
        "no significant change",
    ),
    "trends.reason.tidak_ada_di_putaran": ("hanya di {rounds}", "only in {rounds}"),
    "trends.reason.penyebut_nol": ("penyebut 0", "denominator 0"),
    "trends.reason.formulir_berbeda": ("definisi berbeda", "definition differs"),
    "trends.counts": (
        "{first} → {last}: {up} naik, {down} turun, {same} tidak berubah bermakna, {none} tanpa "
        "putusan (dari {total} {level})",
        "{first} → {last}: {up} up, {down} down, {same} no significant change, {none} without a "
        "verdict (of {total} {level})",
    ),
    "trends.method": (
        "Perubahan = % {last} − % {first}, dalam poin persen. Interval {level} %: Newcombe "
        "(skor Wilson hibrida), dengan koreksi populasi terbatas bila jumlah rumah tangga desa "
        "diketahui. Putusan dari interval, bukan dari angka perubahan: naik bila seluruh "
        "interval di atas 0, turun bila seluruhnya di bawah 0.",
        "Change = % {last} − % {first}, in percentage points. {level}% interval: Newcombe "
        "(hybrid Wilson score), with the finite population correction where the village's "
        "total households are known. The verdict comes from the interval, not from the change "
        "itself: up when the whole interval is above 0, down when all of it is below 0.",
    ),
    "trends.caution": (
        "{count} {level} dibandingkan: pada tingkat {conf} % sekitar {expected} putusan naik "
        "atau turun dapat muncul karena kebetulan walau tidak ada yang berubah. Periksa "
        "wilayahnya sebelum menyimpulkan.",
        "{count} {level} compared: at the {conf}% level about {expected} up or down verdicts "
        "can arise by chance even if nothing changed. Check the area before concluding.",
    ),
    "trends.not_comparable": (
        "% ber-PHBS tanpa putusan: definisinya berbeda antarputaran ({details}). Indikator "
        "yang ada di semua putaran tetap dibandingkan.",
        "% PHBS without a verdict: its definition differs between rounds ({details}). The "
        "indicators every round has are still compared.",
    ),
    "trends.indicators_left": (
        "Indikator tidak dibandingkan (tidak ada di setiap putaran): {list}",
        "Indicators not compared (not in every round): {list}",
    ),
    "trends.joined": (
        "Kode desa digabung lewat {file} (hitungannya dijumlahkan di setiap putaran): {list}",
        "Village codes joined through {file} (their counts summed in every round): {list}",
    ),
    "trends.one_round": (
        "{count} {level} tidak ada di setiap putaran: perubahannya hanya dihitung antara putaran "
        "yang memuatnya ({list}).",
        "{count} {level} are not in every round: their change is computed only between the "
        "rounds that have them ({list}).",
    ),
    "trends.left_out": (
        "Di atas tingkat desa hanya desa yang ada di setiap putaran dijumlahkan; {count} desa "
        "disisihkan.",
        "Above the village level only villages in every round are summed; {count} villages "
        "left out.",
    ),
    "trends.paired": (
        "Rumah tangga yang sama (id dan desa sama, lengkap di kedua putaran) {first} → {last}: "
        "{n}; menjadi ber-PHBS {up}, tidak lagi ber-PHBS {down}; perubahan berpasangan {change} "
        "poin ({ci}, Newcombe berpasangan).",
        "The same households (same id and village, complete in both rounds) {first} → {last}: "
        "{n}; became PHBS {up}, no longer PHBS {down}; paired change {change} points ({ci}, "
        "Newcombe paired).",
    ),
    "trends.paired.none": (
        "Transisi rumah tangga tidak tersedia: putaran {labels} dibaca dari rekap, tanpa baris "
        "rumah tangga.",
        "Household transitions are not available: round {labels} was read from a summary, "
        "without household rows.",
    ),
    "trends.other_pairs": (
        "Perbandingan lain ({pairs}) ada di berkas -o.",
        "Other comparisons ({pairs}) are in the -o file.",
    ),
    "trends.total": ("Semua", "All"),
    "trends.improvement.title": (
        "Paling meningkat {first} → {last} (bootstrap {replicates} ulangan, seed {seed}):",
        "Most improved {first} → {last} (bootstrap {replicates} replicates, seed {seed}):",
    ),
    "trends.improvement.rank": ("Peringkat", "Rank"),
    "trends.improvement.interval": ("rentang peringkat {level} %", "{level}% rank range"),
    "trends.improvement.first": ("P(paling meningkat)", "P(most improved)"),
    "trends.improvement.apart": (
        "Paling meningkat, dapat dibedakan dari desa lain (bootstrap): {names}.",
        "Most improved, standing apart from the others (bootstrap): {names}.",
    ),
    "trends.improvement.together": (
        "Paling meningkat: peringkat 1–{count} tidak dapat dibedakan (rentang peringkat bootstrap "
        "saling tumpang tindih): {names}.",
        "Most improved: ranks 1–{count} cannot be told apart (their bootstrap rank ranges "
        "overlap): {names}.",
    ),
    "trends.improvement.none": (
        "Paling meningkat tidak diperingkat: {reason}",
        "Most improved not ranked: {reason}",
    ),
    "opt.compare.replicates": (
        "Ulangan bootstrap untuk peringkat paling meningkat (per desa; 0 = tanpa).",
        "Bootstrap replicates for the most-improved ranking (by village; 0 = none).",
    ),
    "levels.desa": ("desa/kelurahan", "villages"),
    "levels.kecamatan": ("kecamatan", "districts"),
    "levels.kabupaten": ("kabupaten/kota", "regencies/cities"),
    "levels.provinsi": ("provinsi", "provinces"),
    "trends.indicators_other_households": (
        "Indikator tidak dibandingkan karena ditanyakan kepada rumah tangga lain di formulir "
        "putaran lain (keberlakuannya berbeda): {list}",
        "Indicators not compared because another round's form asks them of other households "
        "(their applicability differs): {list}",
    ),
    "trends.indicators_worded": (
        "Indikator dibandingkan menurut kodenya walau pertanyaannya berbeda kata antarformulir "
        "(periksa bahwa maksudnya sama): {list}",
        "Indicators compared by their code although the forms word the question differently "
        "(check that they mean the same): {list}",
    ),
    "trends.indicators_unchecked": (
        "Pertanyaan indikator ini tidak dapat diperiksa (formulir putaran tidak dikenal), "
        "dibandingkan menurut kodenya: {list}",
        "These indicators' questions could not be checked (a round's form is unknown); "
        "compared by their code: {list}",
    ),
    "trends.shared_totals": (
        "Satu berkas desa dipakai untuk putaran {labels}: jumlah rumah tangga desa dianggap sama "
        "di setiap putaran itu, dan wilayah yang kodenya digabung tidak diberi koreksi populasi "
        "terbatas. Beri --round-villages LABEL=BERKAS bila jumlahnya berubah.",
        "One villages file is used for rounds {labels}: each village's total households is "
        "taken as the same in those rounds, and areas whose codes are joined get no finite "
        "population correction. Give --round-villages LABEL=FILE if the totals changed.",
    ),
    "trends.paired.not_comparable": (
        "Transisi rumah tangga tidak dihitung: ber-PHBS didefinisikan berbeda antarputaran.",
        "Household transitions are not counted: PHBS is defined differently between rounds.",
    ),
    "trends.paired.no_ids": (
        "Tidak ada rumah tangga dengan id yang sama di desa yang sama di {first} dan {last}: "
        "transisi tidak dihitung (bila id ditulis berbeda, mis. 0001 dan 1, samakan "
        "penulisannya).",
        "No household has the same id in the same village in {first} and {last}: no "
        "transitions (if ids are written differently, e.g. 0001 and 1, write them alike).",
    ),
    "trends.paired.names": (
        " {count} rumah tangga ber-id sama tetapi nama kepala rumah tangganya berbeda tidak "
        "dipasangkan.",
        " {count} households with the same id but another head of household's name are not paired.",
    ),
    "more": ("… dan {count} lagi", "… and {count} more"),
    # The files a job of the local page (phbs web) writes, as its download links name them.
    "job.download.laporan.xlsx": ("Laporan (buku kerja Excel)", "Report (Excel workbook)"),
    "job.download.laporan.html": ("Laporan (halaman HTML)", "Report (HTML page)"),
    "job.download.berita-acara.html": ("Berita acara lomba (HTML)", "Contest minutes (HTML)"),
    "job.download.ringkasan.csv": ("Ringkasan per wilayah (CSV)", "Summary by area (CSV)"),
    "job.download.ringkasan.json": (
        "Ringkasan per wilayah dengan pengaturan dan masalah data (JSON)",
        "Summary by area with its settings and data issues (JSON)",
    ),
    "job.download.rumah-tangga.csv": ("Rumah tangga yang diskor (CSV)", "Scored households (CSV)"),
    "job.download.disisihkan.csv": (
        "Baris yang disisihkan dengan alasannya (CSV)",
        "Rows set aside with their reasons (CSV)",
    ),
    "job.download.masalah.xlsx": (
        "Masalah data dari membaca berkas (buku kerja Excel)",
        "Data issues from reading the files (Excel workbook)",
    ),
    "job.download.peringkat.csv": ("Peringkat lomba (CSV)", "Contest ranking (CSV)"),
    "job.download.rubrik-ahp.yaml": (
        "Rubrik dengan bobot AHP (YAML)",
        "Rubric with the AHP weights (YAML)",
    ),
    "job.download.perubahan.csv": (
        "Perubahan sejak putaran sebelumnya (CSV)",
        "Change since the earlier round (CSV)",
    ),
    "validate.title": ("Pemeriksaan data: {files}", "Data check: {files}"),
    "validate.nothing_scored": (
        "Tidak ada satu rumah tangga pun yang dapat diskor.",
        "Not a single household could be scored.",
    ),
    "validate.ok": ("Tidak ada galat.", "No errors."),
    "validate.errors": (
        "{errors} galat ditemukan: baris yang disisihkan tidak diskor.",
        "{errors} {errors|error|errors} found: rows set aside are not scored.",
    ),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "forms.title": ("Formulir bawaan", "Bundled forms"),
    "demo.title": (
        "Contoh: survei sintetis Kabupaten Tanah Bumbu",
        "Demo: synthetic survey of Tanah Bumbu",
    ),
    "demo.outputs": ("Hasil contoh ada di {folder}:", "Demo outputs are in {folder}:"),
    "demo.inputs": (
        "Berkas masukan contoh ({count}) disalin ke folder yang sama. Perintah di README "
        "berjalan apa adanya dari sana: cd {folder}",
        "The sample's input files ({count}) are copied into the same folder. The README's "
        "commands run as written from there: cd {folder}",
    ),
    "demo.trends.title": (
        "Perubahan sejak putaran {first} (contoh sintetis: % ber-PHBS per desa, rincian di "
        "perubahan.csv)",
        "Change since round {first} (synthetic sample: % PHBS by village, details in "
        "perubahan.csv)",
    ),
    "demo.trends.best": (
        "Paling membaik (naik bermakna): {name} ({code}), {before} % → {after} %: {change} "
        "poin (IK {level} % {ci})",
        "Most improved (up, significant): {name} ({code}), {before}% → {after}%: {change} "
        "points ({level}% CI {ci})",
    ),
    "demo.trends.none": (
        "Tidak ada desa yang naik bermakna.",
        "No village went up significantly.",
    ),
    "demo.kept": (
        "Tidak ditimpa (isinya berbeda dari contoh bawaan): {path}",
        "Not overwritten (its contents differ from the bundled sample): {path}",
    ),
    # --- phbs web: the toolkit in a local browser page ---
    "web.missing": (
        "phbs web perlu paket tambahan: pip install 'phbs[web]'",
        "phbs web needs extra packages: pip install 'phbs[web]'",
    ),
    "web.started": (
        "phbs web berjalan di {url} (Ctrl-C untuk berhenti)",
        "phbs web is running at {url} (Ctrl-C to stop)",
    ),
    "web.bind": (
        "tidak dapat mendengar di {host}:{port}: {reason} (pilih porta lain dengan --port)",
        "cannot listen on {host}:{port}: {reason} (choose another port with --port)",
    ),
    "web.token": (
        "Alamat ini memuat kode akses: berikan hanya kepada orang yang boleh memakainya.",
        "This address holds the access code: give it only to people who may use it.",
    ),
    "web.title": ("PHBS rumah tangga: skor di browser", "Household PHBS: scores in the browser"),
    "web.lead": (
        "Berkas diolah di komputer ini saja, sama seperti perintah phbs score, phbs report dan "
        "phbs rank; tidak ada yang dikirim ke internet.",
        "Files are processed on this computer only, as phbs score, phbs report and phbs rank "
        "do; nothing is sent to the internet.",
    ),
    "web.lang": ("English", "Bahasa Indonesia"),
    "web.survey": (
        "Berkas survei (.csv, .xlsx, .ods; boleh lebih dari satu)",
        "Survey files (.csv, .xlsx, .ods; more than one is fine)",
    ),
    "web.form": ("Formulir", "Form"),
    "web.level": ("Tingkat rekap", "Summary level"),
    "web.villages": (
        "Berkas desa (jumlah rumah tangga, untuk % dipantau)",
        "Villages file (total households, for % monitored)",
    ),
    "web.mapping": ("Peta berkas (.yaml dari phbs map)", "File mapping (.yaml from phbs map)"),
    "web.reading": ("Cara membaca", "How to read"),
    "web.hint.control": (
        "Di halaman ini: {option} adalah {place}.",
        "On this page: {option} is {place}.",
    ),
    "web.hint.mapping": (
        'Di halaman ini: {option} dikerjakan oleh "{place}" di halaman awal (unggah berkasnya di'
        " sana; pertanyaannya dijawab di halaman itu).",
        'On this page: {option} is done by "{place}" on the first page (upload the file there;'
        " its questions are answered on that page).",
    ),
    "web.answers": ("Arti N tunggal", "Meaning of a lone N"),
    "web.blank": ("Arti sel kosong", "Meaning of a blank cell"),
    "web.answers.auto": ("tentukan dari berkas", "decide from the file"),
    "web.answers.ytn": ("N = tidak berlaku (Y/T/N)", "N = not applicable (Y/T/N)"),
    "web.answers.yn": ("N = tidak (Y/N)", "N = no (Y/N)"),
    "web.blank.auto": ("tentukan dari berkas", "decide from the file"),
    "web.blank.missing": ("belum diisi", "not yet answered"),
    "web.blank.na": ("tidak berlaku", "not applicable"),
    "web.blank.tidak": ("dibaca tidak", "read as no"),
    "web.sheet": (
        "Lembar Excel/ODS (kosong: satu-satunya lembar survei)",
        "Excel/ODS sheet (blank: the only survey sheet)",
    ),
    "web.id_per_desa": (
        "Nomor rumah tangga dimulai lagi dari 1 di setiap desa (seperti --id-per-desa)",
        "Household numbers start again from 1 in each village (as --id-per-desa)",
    ),
    "web.contest": ("Peringkat lomba (pilihan)", "Contest ranking (optional)"),
    "web.rubric": ("Rubrik", "Rubric"),
    "web.rubric.none": ("tanpa peringkat", "no ranking"),
    "web.judges": ("Berkas nilai juri", "Judges' scores file"),
    "web.attributes": ("Berkas atribut desa", "Village attributes file"),
    "web.overrides": ("Berkas koreksi", "Overrides file"),
    "web.rubric_file": (
        "atau berkas rubrik sendiri (.yaml)",
        "or a rubric file of your own (.yaml)",
    ),
    "web.method": ("Metode peringkat", "Ranking method"),
    "web.method.rubric": ("menurut rubrik", "as the rubric says"),
    "web.method.weighted_sum": ("jumlah tertimbang", "weighted sum"),
    "web.method.topsis": ("TOPSIS", "TOPSIS"),
    "web.rank_incomplete": (
        "Tetap peringkat desa yang kurang nilai (kriteria kosong dihitung 0 dan dicatat)",
        "Rank villages with missing scores too (an empty criterion counts 0 and is noted)",
    ),
    "web.sureness": ("Seberapa pasti peringkatnya", "How sure the ranking is"),
    "web.sureness.lead": (
        "Bootstrap mengambil ulang rumah tangga di tiap desa sebanyak N kali dan melihat "
        "rentang peringkat tiap desa (500 cukup untuk lomba; kosong atau 0: tidak). Seed yang "
        "sama memberi hasil yang sama.",
        "The bootstrap resamples the households of each village N times and looks at the "
        "range of each village's rank (500 is enough for a contest; blank or 0: none). The "
        "same seed gives the same result.",
    ),
    "web.bootstrap": ("Bootstrap, ulangan", "Bootstrap replicates"),
    "web.seed": ("Seed acak", "Random seed"),
    "web.weights": ("Kepekaan bobot, ulangan", "Weight sensitivity replicates"),
    "web.resample_judges": (
        "Bootstrap juga mengambil ulang juri",
        "The bootstrap also resamples the judges",
    ),
    "web.shrink": (
        "% ber-PHBS disusutkan (empirical Bayes) sebelum dinilai",
        "% ber-PHBS shrunk (empirical Bayes) before it is scored",
    ),
    "web.minutes": ("Berita acara", "Minutes (berita acara)"),
    "web.minutes.lead": (
        "Yang dikosongkan menjadi garis isian di berita acara.",
        "What is left blank is a line to fill in on the minutes.",
    ),
    "web.minutes.place": ("Tempat penilaian", "Place of the assessment"),
    "web.minutes.date": ("Tanggal penilaian", "Date of the assessment"),
    "web.minutes.year": ("Tahun lomba", "Contest year"),
    "web.minutes.chair": ("Ketua tim penilai", "Chair of the panel"),
    "web.minutes.level": ("Tingkat lomba di judul", "Contest level in the title"),
    "web.minutes.judges": (
        "Nama juri untuk tanda tangan, satu per baris (kosong: dari berkas nilai juri)",
        "Judges' names for the signatures, one per line (blank: from the judges' file)",
    ),
    "web.village": (
        "Kode desa, bila berkas satu desa tanpa kolom desa",
        "Village code, for a file of one village without a village column",
    ),
    "web.not_collected": (
        "Indikator yang memang tidak dikumpulkan (kode, dipisah koma)",
        "Indicators really not collected (codes, separated by commas)",
    ),
    "web.na_policy": ("Indikator tidak berlaku dihitung", "Not-applicable indicators count as"),
    "web.na_policy.form": ("menurut formulir", "as the form says"),
    "web.na_policy.exclude": ("keluar dari penyebut", "left out of the denominator"),
    "web.na_policy.as_met": ("terpenuhi", "met"),
    "web.na_policy.as_unmet": ("tidak terpenuhi", "not met"),
    "web.form_file": ("atau berkas formulir sendiri (.yaml)", "or a form file of your own (.yaml)"),
    "web.keep_rejected": (
        "Tetap skor kiriman yang ditolak pemeriksa (KoBoToolbox/ODK Central)",
        "Score submissions a reviewer rejected too (KoBoToolbox/ODK Central)",
    ),
    "web.report": ("Laporan", "Report"),
    "web.change": ("Perubahan {first} → {last}", "Change {first} → {last}"),
    "web.sample": ("Coba dengan data contoh", "Try the sample data"),
    "web.sample.lead": (
        "Belum punya berkas? Data contoh (dua Puskesmas di Kabupaten Tanah Bumbu, dengan lomba "
        "dan putaran 2024) diolah seperti phbs demo.",
        "No files yet? The sample (two Puskesmas of Kabupaten Tanah Bumbu, with a contest and "
        "a 2024 round) is processed as phbs demo does it.",
    ),
    "web.ahp": (
        "Matriks perbandingan berpasangan juri (AHP) untuk bobot rubrik",
        "The judges' pairwise comparison matrix (AHP) for the rubric's weights",
    ),
    "web.ahp_force": ("Pakai bobot AHP walau CR > 0,10", "Use the AHP weights even if CR > 0.10"),
    "web.ahp.title": ("Bobot AHP", "AHP weights"),
    "web.ahp.needs_rubric": (
        "Matriks AHP menentukan bobot sebuah rubrik: pilih Rubrik atau unggah berkas rubrik",
        "An AHP matrix sets the weights of a rubric: choose a Rubric or upload a rubric file",
    ),
    "web.fieldforms.title": ("Formulir untuk mengumpulkan data", "Forms to collect the data"),
    "web.fieldforms.lead": (
        "Unduh formulir yang dibaca langsung oleh halaman ini, seperti phbs forms: templat "
        "Excel untuk mengetik formulir kertas, XLSForm untuk ODK Collect / KoBoCollect, atau "
        "formulir kertas kader untuk dicetak A4.",
        "Download forms this page reads as they are, as phbs forms writes them: an Excel "
        "template to type paper forms into, an XLSForm for ODK Collect / KoBoCollect, or the "
        "kader's paper form to print on A4.",
    ),
    "web.fieldforms.kabupaten": (
        "Kode kabupaten/kota untuk pilihan desa (pilihan)",
        "Kabupaten/kota code for the village choices (optional)",
    ),
    "web.fieldforms.templat": ("Templat Excel", "Excel template"),
    "web.fieldforms.unknown": (
        "Galat: formulir '{form}' tidak ada; pilih salah satu formulir bawaan ({known})",
        "Error: form '{form}' not found; choose one of the bundled forms ({known})",
    ),
    "web.fieldforms.xlsform": ("XLSForm (ODK/KoBo)", "XLSForm (ODK/KoBo)"),
    "web.fieldforms.kertas": ("Formulir kertas (cetak)", "Paper form (print)"),
    "web.rounds": ("Putaran sebelumnya (perubahan)", "Earlier round (change)"),
    "web.rounds.lead": (
        "Berkas survei putaran sebelumnya (atau ringkasan .json dari phbs score -o), dibaca "
        "dengan cara yang sama: laporan mendapat bagian Perubahan, dan rubrik dapat menilai "
        "perubahan % ber-PHBS.",
        "The earlier round's survey files (or a .json summary from phbs score -o), read the "
        "same way: the report gets a Change section, and a rubric can score the change in "
        "% ber-PHBS.",
    ),
    "web.rounds.files": ("Berkas putaran sebelumnya", "Earlier round's files"),
    "web.rounds.label": ("Label putaran sebelumnya", "Earlier round's label"),
    "web.rounds.current": (
        "Label putaran ini (kosong: terkini)",
        "This round's label (blank: current)",
    ),
    "web.rounds.mapping": (
        "Peta berkas putaran sebelumnya (.yaml; bila berkasnya dibaca lain dari putaran ini)",
        "The earlier round's file mapping (.yaml; when its files are read otherwise than "
        "this round's)",
    ),
    "web.rounds.label.hint": ("mis. 2024", "e.g. 2024"),
    "web.rounds.current.hint": ("mis. 2025", "e.g. 2025"),
    "web.rounds.code_changes": (
        "Berkas perubahan kode desa (kode_lama, kode_baru)",
        "Village code changes file (kode_lama, kode_baru)",
    ),
    "web.title_field": (
        "Judul laporan (kosong: menurut tingkat)",
        "Report title (blank: by level)",
    ),
    "web.target": ("Target % ber-PHBS", "Target % ber-PHBS"),
    "web.ci_method": ("Metode interval kepercayaan", "Confidence interval method"),
    "web.ci_method.wilson": ("Wilson (bawaan)", "Wilson (default)"),
    "web.ci_method.clopper-pearson": ("Clopper–Pearson (eksak)", "Clopper–Pearson (exact)"),
    "web.ci_method.jeffreys": ("Jeffreys", "Jeffreys"),
    "web.confidence": ("Tingkat kepercayaan", "Confidence level"),
    "web.include_names": (
        "Tampilkan nama kepala keluarga dan nomor KK di berkas unduhan",
        "Show heads' names and KK numbers in the downloads",
    ),
    "web.no_households_sheet": (
        "Buku kerja tanpa daftar rumah tangga (lebih cepat untuk berkas besar; daftarnya tetap"
        " ada di rumah-tangga.csv)",
        "Workbook without the list of households (quicker for large files; the list is still"
        " in rumah-tangga.csv)",
    ),
    "web.csv_excel": (
        "CSV untuk dibuka di Excel/LibreOffice berbahasa Indonesia (pemisah ';', koma desimal, "
        "seperti --csv-excel)",
        "CSV to open in a spreadsheet set to Indonesian (';' separator, decimal comma, as "
        "--csv-excel)",
    ),
    "web.submit": ("Olah", "Process"),
    "web.optional": ("pilihan", "optional"),
    "web.state.running": ("Sedang membaca berkas…", "Reading the files…"),
    "web.rows": ("{rows} baris dibaca", "{rows} {rows|row|rows} read"),
    "web.cancel": ("Batalkan", "Cancel"),
    "web.cancelling": ("Membatalkan…", "Cancelling…"),
    "web.skipped": (
        "Dibatalkan. Unduhan ini tidak ditulis: {files}.",
        "Cancelled. These downloads were not written: {files}.",
    ),
    "web.state.cancelled": (
        "Dibatalkan. Tidak ada hasil yang ditulis.",
        "Cancelled. No result was written.",
    ),
    "web.state.failed": ("Berkas tidak dapat diolah.", "The files could not be processed."),
    "web.internal": (
        "Galat internal ({error}); mohon laporkan bersama versi phbs {version}.",
        "Internal error ({error}); please report it with phbs version {version}.",
    ),
    "web.noscript": (
        "Muat ulang halaman ini untuk melihat apakah sudah selesai.",
        "Reload this page to see whether it has finished.",
    ),
    "web.decisions": ("Keputusan membaca", "Reading decisions"),
    "web.issues": ("Masalah data", "Data issues"),
    "web.issues.col.count": ("Jumlah", "Count"),
    "web.issues.col.severity": ("Tingkat", "Severity"),
    "web.issues.col.code": ("Kode", "Code"),
    "web.issues.col.title": ("Masalah", "Issue"),
    "web.issues.col.examples": ("Contoh pertama", "First examples"),
    "web.areas": ("Hasil per {level}", "Results by {level}"),
    "web.ranking": ("Peringkat lomba", "Contest ranking"),
    "web.files_lang.id": (
        "Berkas unduhan dalam bahasa Indonesia, bahasa saat survei diolah.",
        "The downloads are in Indonesian, the language the survey was processed in.",
    ),
    "web.files_lang.en": (
        "Berkas unduhan dalam bahasa Inggris, bahasa saat survei diolah.",
        "The downloads are in English, the language the survey was processed in.",
    ),
    "web.downloads": ("Unduh", "Downloads"),
    "web.open": ("buka di tab baru", "open in a new tab"),
    "web.writing": (
        "Berkas unduhan sedang ditulis: {done} dari {total}",
        "Writing the downloads: {done} of {total}",
    ),
    "web.again": ("Olah berkas lain", "Process other files"),
    "web.too_large": (
        "Unggahan lebih besar dari {mb} MB (phbs web --max-upload-mb untuk menaikkan batas).",
        "The upload is larger than {mb} MB (phbs web --max-upload-mb raises the limit).",
    ),
    "web.forbidden": (
        "Ditolak: permintaan tanpa kode akses atau dari halaman lain.",
        "Refused: a request without the access code or from another page.",
    ),
    "web.not_found": ("Tidak ditemukan.", "Not found."),
    "web.no_survey": (
        "Pilih paling sedikit satu berkas survei.",
        "Choose at least one survey file.",
    ),
    # phbs web: phbs map in the page (a file unlike the template)
    "web.map.title": ("Berkas tidak seperti templat?", "A file unlike the template?"),
    "web.map.lead": (
        "phbs map mengusulkan peta berkas: kolom mana berisi isian formulir yang mana, dan "
        "arti setiap ejaan jawaban.",
        "phbs map proposes a file mapping: which column holds which field of the form, and "
        "what each answer spelling means.",
    ),
    "web.map.file": ("Satu berkas survei", "One survey file"),
    "web.map.submit": ("Usulkan peta", "Propose a mapping"),
    "web.map.heading": ("Usulan peta untuk {file}", "Proposed mapping for {file}"),
    "web.map.failed": (
        "Peta tidak dapat diusulkan.",
        "No mapping could be proposed.",
    ),
    "web.map.matched": ("Kolom yang dicocokkan", "Columns matched"),
    "web.map.col.field": ("Isian formulir", "Form field"),
    "web.map.col.header": ("Kolom di berkas", "Column in the file"),
    "web.map.col.why": ("Alasan", "Why"),
    "web.map.answers": ("Ejaan jawaban", "Answer spellings"),
    "web.map.col.read_as": ("Dibaca sebagai", "Read as"),
    "web.map.col.spellings": ("Ejaan di berkas", "Spellings in the file"),
    "web.map.state.ya": ("Ya", "Yes"),
    "web.map.state.tidak": ("Tidak", "No"),
    "web.map.state.tidak_berlaku": ("Tidak berlaku", "Not applicable"),
    "web.map.state.kosong": (
        "Kosong (dibaca seperti sel yang belum diisi)",
        "Blank (read as a cell not filled in)",
    ),
    "web.map.state.?": ("Perlu keputusan", "Needs a decision"),
    "web.map.asked": ("Perlu keputusan", "Needs a decision"),
    "web.map.none_asked": (
        "Tidak ada pertanyaan: periksa usulannya, lalu pakai.",
        "No questions: check the proposal, then use it.",
    ),
    "web.map.unread": ("Kolom yang tidak dibaca", "Columns not read"),
    "web.map.not_found": ("Isian yang tidak ditemukan", "Fields not found"),
    "web.map.download": ("Unduh peta usulan", "Download the proposed mapping"),
    "web.map.use": ("Pakai peta ini", "Use this mapping"),
    "web.map.questions": (
        "{count} pertanyaan belum terjawab.",
        "{count} {count|question|questions} still open.",
    ),
    "web.map.use_asked": (
        "Selama masih ada pertanyaan, pengolahan berhenti dengan pertanyaan itu: jawab di "
        'bawah ini, atau unduh peta.yaml, jawab pertanyaannya di berkas itu, lalu unggah di "Peta '
        'berkas" (berkas survei tetap disimpan di sini).',
        "While a question is open, processing stops at it: answer it below, or download "
        'peta.yaml, answer its questions in that file, then upload it under "File mapping" '
        "(the survey file stays kept here).",
    ),
    "web.map.answer_here": ("Jawab di sini", "Answer here"),
    "web.map.answer_lead": (
        "Jawaban ditulis ke peta.yaml seperti phbs map --map menulisnya, lalu sisanya "
        "diusulkan lagi. Pilihan yang dibiarkan kosong tetap menjadi pertanyaan.",
        "The answers are written into peta.yaml as phbs map --map writes them, then the rest "
        "is proposed again. A choice left empty stays a question.",
    ),
    "web.map.answer_save": ("Simpan jawaban", "Save the answers"),
    "web.map.open": ("(belum dijawab)", "(not answered yet)"),
    "web.map.not_answered": (
        "Pertanyaan ini tidak dapat dijawab di halaman: jawab di peta.yaml yang diunduh.",
        "This question cannot be answered in the page: answer it in the downloaded peta.yaml.",
    ),
    "web.map.q.sheet": ("Lembar yang berisi survei", "The sheet that holds the survey"),
    "web.map.q.column": ("Kolom yang berisi {field}", "The column that holds {field}"),
    "web.map.q.years": ("Kolom '{header}' berisi umur dalam", "Column '{header}' holds ages in"),
    "web.map.years.months": ("bulan: kolom ini dibaca", "months: this column is read"),
    "web.map.years.years": (
        "tahun: kolom ini tidak dibaca (tanda '-' yang menentukan)",
        "years: this column is not read (the '-' marks decide)",
    ),
    "web.map.q.answer": (
        "Ejaan '{spelling}' ({where}) berarti",
        "The spelling '{spelling}' ({where}) means",
    ),
    "web.map.where": (
        "{cells} sel, di kolom {columns}",
        "{cells} {count|cell|cells}, in {columns}",
    ),
    "web.map.q.region": (
        "Wilayah tempat nama desa dicari",
        "The area the village names are looked up in",
    ),
    "web.map.q.region_code": (
        "Nama desa tidak ditemukan di satu wilayah pun: ketik kode kecamatan (63.10.01) atau "
        "kabupaten/kota (63.10) tempat desa-desa berkas ini",
        "The village names were found in no area: type the code of the kecamatan (63.10.01) "
        "or kabupaten/kota (63.10) the file's villages are in",
    ),
    "web.map.q.village": (
        "Berkas satu desa tanpa kolom desa? Ketik kode desa/kelurahan setiap barisnya "
        "(63.10.01.1007)",
        "A file of one village without a village column? Type the village code of every row "
        "(63.10.01.1007)",
    ),
    "web.map.q.village_blank": (
        "Kolom kode desa kosong di sebagian besar baris. Berkas satu desa? Ketik kode "
        "desa/kelurahan untuk sel yang kosong (63.10.01.1007)",
        "The village code column is blank in most rows. A file of one village? Type the "
        "village code for the blank cells (63.10.01.1007)",
    ),
    "web.map.q.question": (
        "Pertanyaan '{question}' di berkas menanyakan",
        "The file's question '{question}' asks",
    ),
    "web.map.question.none": (
        "bukan isian formulir: barisnya disisihkan",
        "no form field: its rows are set aside",
    ),
    "web.map.q.blank": ("Sel indikator kosong berarti", "A blank indicator cell means"),
    "web.map.blank.missing": ("belum diisi", "not yet answered"),
    "web.map.blank.na": ("tidak berlaku", "not applicable"),
    "web.map.blank.tidak": ("tidak (lembar centang)", "no (a check-mark sheet)"),
    "web.map.decided": ("Yang diputuskan", "What is decided"),
    "web.map.decided.sheet": ("Lembar yang dibaca: {sheet}", "Sheet read: {sheet}"),
    "web.map.decided.header_row": (
        "Judul kolom ada di baris {row}; baris di atasnya dilewati",
        "The column headers are on row {row}; the rows above it are skipped",
    ),
    "web.map.decided.region": (
        "Nama desa dicari di {area} ({code})",
        "Village names are looked up in {area} ({code})",
    ),
    "web.map.decided.village": (
        "Berkas tanpa kolom desa: setiap baris {village} ({code})",
        "A file without a village column: every row is {village} ({code})",
    ),
    "web.map.decided.id_scope": (
        "Nomor rumah tangga dimulai lagi di setiap desa: nomor yang sama di desa lain adalah "
        "rumah tangga lain",
        "Household numbers restart in each village: the same number in another village is "
        "another household",
    ),
    "web.map.decided.shape.rumah_tangga": (
        "Satu baris = satu rumah tangga",
        "One row per household",
    ),
    "web.map.decided.shape.anggota": (
        "Satu baris = satu anggota keluarga (rata-rata {rows} baris per nomor KK); baris satu "
        "KK digabung menjadi satu rumah tangga",
        "One row per family member ({rows} rows per family-card number on average); the rows "
        "of one KK are folded into one household",
    ),
    "web.map.decided.shape.jawaban": (
        "Satu baris = satu jawaban (rumah tangga, pertanyaan, jawaban); disusun menjadi satu "
        "baris per rumah tangga",
        "One row per answer (household, question, answer); turned into one row per household",
    ),
    "web.map.not_a_choice": (
        "Ditolak: '{value}' bukan salah satu pilihan untuk \"{question}\"; peta tidak diubah.",
        "Refused: '{value}' is not one of the choices for \"{question}\"; the mapping is "
        "unchanged.",
    ),
    "web.map.not_a_village": (
        "Ditolak: '{value}' bukan kode desa/kelurahan yang ada di tabel wilayah Kemendagri "
        "(kode desa: 10 angka, PP.KK.CC.DDDD); peta tidak diubah.",
        "Refused: '{value}' is not a village code of the Kemendagri region table (a village "
        "code: 10 digits, PP.KK.CC.DDDD); the mapping is unchanged.",
    ),
    "web.map.not_an_area": (
        "Ditolak: '{value}' bukan kode kecamatan (63.10.01) atau kabupaten/kota (63.10) di "
        "tabel wilayah Kemendagri; peta tidak diubah.",
        "Refused: '{value}' is not a kecamatan (63.10.01) or kabupaten/kota (63.10) code of "
        "the Kemendagri region table; the mapping is unchanged.",
    ),
    "web.map.kept": (
        "Berkas {file} diolah dengan peta usulan {mapping}, kecuali dipilih berkas survei "
        'lain. Peta yang diunggah di "Peta berkas" dipakai sebagai gantinya.',
        "The file {file} is processed with the proposed mapping {mapping}, unless other "
        'survey files are chosen. A mapping uploaded under "File mapping" is used instead.',
    ),
    # --- reports (phbs report: workbook and HTML page) ---
    "report.title.default": (
        "Laporan PHBS rumah tangga per {level}",
        "Household PHBS report by {level}",
    ),
    "report.subject": ("Survei PHBS rumah tangga", "Household PHBS survey"),
    "report.generated_by": ("Dibuat dengan phbs {version}", "Made with phbs {version}"),
    "report.generated_at": (
        "Dibuat dengan phbs {version} pada {time}",
        "Made with phbs {version} on {time}",
    ),
    "report.sheet.summary": ("Ringkasan", "Summary"),
    "report.sheet.recap": ("Rekap Indikator", "Indicator Recap"),
    "report.sheet.recap_dusun": ("Rekap Dusun", "Sub-village Recap"),
    "report.sheet.level.dusun": ("Dusun", "Sub-villages"),
    "report.sheet.level.desa": ("Desa", "Villages"),
    "report.sheet.level.kecamatan": ("Kecamatan", "Districts"),
    "report.sheet.level.kabupaten": ("Kabupaten", "Regencies"),
    "report.sheet.level.provinsi": ("Provinsi", "Provinces"),
    "report.sheet.minutes": ("Berita Acara", "Minutes"),
    "report.sheet.ranking": ("Peringkat", "Ranking"),
    "report.sheet.households": ("Rumah Tangga", "Households"),
    "report.households.capped": (
        "Lembar ini memuat {shown} dari {total} rumah tangga: {left} tidak ditampilkan "
        "(--households-sheet-rows).\nDaftar lengkap ada di CSV rumah tangga: "
        "phbs score SURVEI --households rumah-tangga.csv",
        "This sheet shows {shown} of {total} households: {left} are not shown "
        "(--households-sheet-rows).\nThe full list is in the households CSV: "
        "phbs score SURVEY --households households.csv",
    ),
    "report.households.capped_summary": (
        "Lembar Rumah Tangga memuat {shown} dari {total} rumah tangga: {left} tidak "
        "ditampilkan (--households-sheet-rows). Daftar lengkap ada di CSV rumah tangga: "
        "phbs score SURVEI --households rumah-tangga.csv",
        "The Households sheet shows {shown} of {total} households: {left} are not shown "
        "(--households-sheet-rows). The full list is in the households CSV: "
        "phbs score SURVEY --households households.csv",
    ),
    "report.sheet.issues": ("Masalah Data", "Data Issues"),
    "report.sheet.metadata": ("Metadata", "Metadata"),
    "report.section.headline": ("Angka utama", "Headline figures"),
    "report.section.reconciliation": ("Rekonsiliasi baris", "Row reconciliation"),
    "report.section.issues": ("Masalah data", "Data issues"),
    "report.section.settings": ("Pengaturan", "Settings"),
    "report.section.areas": ("Hasil per {level}", "Results by {level}"),
    "report.section.heatmap": ("Cakupan per indikator", "Coverage by indicator"),
    "report.section.heatmap_dusun": (
        "Cakupan per indikator per dusun",
        "Coverage by indicator and sub-village",
    ),
    "report.section.ranking": ("Peringkat lomba", "Contest ranking"),
    "report.note.dusun_in_workbook": (
        "Cakupan per indikator untuk {count} dusun ada di lembar Rekap Indikator buku kerja; "
        "halaman ini memuat desa saja agar tetap ringan.",
        "Coverage by indicator for the {count} {count|sub-village|sub-villages} is in the "
        "workbook's indicator "
        "recap sheet; this page lists villages only, to stay light.",
    ),
    "report.section.quality": ("Kualitas data", "Data quality"),
    "report.section.method": ("Metode dan pengaturan", "Method and settings"),
    "report.section.files": ("Berkas masukan", "Input files"),
    "report.disurvei": ("Rumah tangga disurvei", "Households surveyed"),
    "report.ber_phbs": ("Rumah tangga ber-PHBS", "Households practising PHBS"),
    "report.tidak_ber_phbs": ("Rumah tangga tidak ber-PHBS", "Households not practising PHBS"),
    "report.belum_lengkap": ("Rumah tangga belum lengkap", "Households with missing answers"),
    "report.belum_lengkap.note": ("tidak masuk penyebut", "left out of the denominator"),
    "report.belum_lengkap.note.disurvei": (
        "masuk penyebut sebagai tidak ber-PHBS",
        "in the denominator, as not practising PHBS",
    ),
    "report.persen_ber_phbs": ("% rumah tangga ber-PHBS", "% households practising PHBS"),
    "report.jumlah_desa": ("Jumlah desa/kelurahan", "Villages"),
    "report.desa_sampel_kurang": (
        "Desa dengan sampel < 210 dan tidak dipantau penuh",
        "Villages with a sample below 210 and not fully covered",
    ),
    "report.issues.errors": ("Galat", "Errors"),
    "report.issues.warnings": ("Peringatan", "Warnings"),
    "report.issues.infos": ("Info", "Notes"),
    "report.chart.title": ("% rumah tangga ber-PHBS per {level}", "% PHBS households by {level}"),
    "report.col.kode": ("Kode", "Code"),
    "report.col.nama": ("Nama", "Name"),
    "report.col.dusun": ("Dusun", "Sub-village"),
    "report.col.rumah_tangga_disurvei": ("Disurvei", "Surveyed"),
    "report.col.ber_phbs": ("Ber-PHBS", "PHBS"),
    "report.col.tidak_ber_phbs": ("Tidak ber-PHBS", "Not PHBS"),
    "report.col.belum_lengkap": ("Belum lengkap", "Incomplete"),
    "report.col.penyebut": ("Penyebut (ber-PHBS + tidak)", "Denominator (PHBS + not)"),
    "report.col.penyebut.disurvei": ("Penyebut (disurvei)", "Denominator (surveyed)"),
    "report.col.persen_ber_phbs.disurvei": ("% ber-PHBS dari disurvei", "% PHBS of surveyed"),
    "report.col.persen_ber_phbs": ("% ber-PHBS", "% PHBS"),
    "report.col.strata": ("Strata", "Stratum"),
    "report.col.capai_target": ("Capai target", "Target met"),
    "report.col.jumlah_desa": ("Jumlah desa", "Villages"),
    "report.col.jumlah_rumah_tangga": ("Jumlah rumah tangga", "Total households"),
    "report.col.persen_dipantau": ("% dipantau", "% monitored"),
    "report.col.sampel_kurang": ("Sampel < 210", "Sample < 210"),
    "report.col.berkas": ("Berkas", "File"),
    "report.col.dibaca": ("Baris dibaca", "Rows read"),
    "report.col.diskor": ("Diskor", "Scored"),
    "report.col.disisihkan": ("Disisihkan", "Set aside"),
    "report.col.dinilai": ("Jumlah rumah dinilai", "Households assessed"),
    "report.col.ada_indikator": ("Ada indikator (berlaku)", "Applicable"),
    "report.col.jawaban_ya": ("Jawaban ya", "Answered yes"),
    "report.col.cakupan": ("Cakupan (%)", "Coverage (%)"),
    "report.col.id_rumah_tangga": ("ID rumah tangga", "Household id"),
    "report.col.kode_desa": ("Kode desa", "Village code"),
    "report.col.nama_desa": ("Nama desa", "Village"),
    "report.col.rw": ("RW", "RW"),
    "report.col.rt": ("RT", "RT"),
    "report.col.tanggal": ("Tanggal survei", "Survey date"),
    "report.col.petugas": ("Petugas", "Surveyor"),
    "report.col.nama_kepala_rt": ("Nama kepala rumah tangga", "Head of household"),
    "report.col.baris": ("Baris", "Row"),
    "report.col.status": ("Status", "Status"),
    "report.col.berlaku": ("Indikator berlaku", "Applicable"),
    "report.col.ya": ("Ya", "Yes"),
    "report.col.tidak": ("Tidak", "No"),
    "report.col.kosong": ("Kosong", "Missing"),
    "report.col.indeks": ("Indeks (ya / berlaku)", "Index (yes / applicable)"),
    "report.col.kelas": ("Kelas", "Class"),
    "report.col.kolom": ("Kolom", "Column"),
    "report.col.nilai": ("Nilai", "Value"),
    "report.col.tingkat": ("Tingkat", "Severity"),
    "report.col.pesan": ("Pesan", "Message"),
    "report.col.jumlah": ("Jumlah", "Count"),
    "report.col.judul": ("Masalah", "Problem"),
    "report.col.contoh": ("Contoh pertama", "First example"),
    "report.col.kunci": ("Kunci (seperti di JSON)", "Key (as in the JSON)"),
    "report.col.nilai_meta": ("Nilai", "Value"),
    "report.col.sha256": ("SHA-256", "SHA-256"),
    "report.setting.not_collected": (
        "Indikator tidak dikumpulkan (--not-collected)",
        "Indicators not collected (--not-collected)",
    ),
    "report.setting.reading": ("Cara baca {file}", "How {file} was read"),
    "report.status.ber_phbs": ("Ber-PHBS", "PHBS"),
    "report.status.tidak_ber_phbs": ("Tidak ber-PHBS", "Not PHBS"),
    "report.status.belum_lengkap": ("Belum lengkap", "Incomplete"),
    "report.answer.ya": ("ya", "yes"),
    "report.answer.tidak": ("tidak", "no"),
    "report.answer.tidak_berlaku": ("tidak berlaku", "not applicable"),
    "report.answer.kosong": ("kosong", "missing"),
    "report.severity.error": ("galat", "error"),
    "report.severity.warning": ("peringatan", "warning"),
    "report.severity.info": ("info", "note"),
    "report.setting.form": ("Formulir", "Form"),
    "report.setting.na_policy": (
        "Indikator tidak berlaku (--na-policy)",
        "Not applicable indicators (--na-policy)",
    ),
    "report.setting.level": ("Tingkat rekap", "Level"),
    "report.setting.id_scope": ("ID rumah tangga unik per", "Household id unique per"),
    "report.setting.strata": ("Strata desa (% ber-PHBS)", "Village strata (% PHBS)"),
    "report.setting.denominator.persen": ("Penyebut % ber-PHBS", "Denominator of % PHBS"),
    "report.setting.denominator.iks": ("Penyebut IKS wilayah", "Denominator of the area IKS"),
    "strata.source.default": (
        "sumber: praktik rekap Puskesmas, bawaan phbs",
        "source: Puskesmas recap practice, the phbs default",
    ),
    "strata.source.options": (
        "sumber: diberikan lewat ReportOptions(strata=...)",
        "source: given through ReportOptions(strata=...)",
    ),
    "report.setting.target": ("Target % ber-PHBS", "Target % PHBS"),
    "report.setting.region_table": ("Tabel kode wilayah", "Region code table"),
    "report.setting.names": (
        "Nama kepala rumah tangga ditampilkan",
        "Household heads' names shown",
    ),
    "report.meta.title": ("Judul laporan", "Report title"),
    "report.meta.lang": ("Bahasa", "Language"),
    "report.cli.no_survey": (
        "Sebutkan berkas survei: --survey BERKAS...",
        "Name the survey files: --survey FILES...",
    ),
    "report.cli.no_output": (
        "Sebutkan paling sedikit satu keluaran: --xlsx BERKAS.xlsx, --html BERKAS.html "
        "dan/atau --minutes BERKAS.html",
        "Name at least one output: --xlsx FILE.xlsx, --html FILE.html and/or --minutes FILE.html",
    ),
    "report.cli.needs_rubric": (
        "--judges, --attributes, --overrides, --bootstrap, --weight-sensitivity, --shrink dan "
        "--minutes memerlukan --rubric",
        "--judges, --attributes, --overrides, --bootstrap, --weight-sensitivity, --shrink and "
        "--minutes "
        "need --rubric",
    ),
    "report.contest.of_maximum": ("{pct} dari maksimum", "{pct} of maximum"),
    "report.contest.percent_rule.cut": (
        "% dari maksimum ditampilkan dipotong (tidak dibulatkan) ke {decimals} desimal; predikat "
        "dibaca dari persen tanpa pembulatan.",
        "% of maximum shown cut down (not rounded) to {decimals} decimals; the label is read "
        "from the unrounded percentage.",
    ),
    "report.contest.percent_rule.rounded": (
        "% dari maksimum dibulatkan ke {decimals} desimal (setengah ke atas); predikat dibaca "
        "dari angka bulat itu.",
        "% of maximum rounded half up to {decimals} decimals; the label is read from that "
        "rounded value.",
    ),
    "report.input.rubrik": ("Rubrik", "Rubric"),
    "report.input.survei": ("Survei", "Survey"),
    "report.input.peta": ("Peta berkas", "Mapping"),
    "report.input.rekap": ("Rekap desa", "Village summary"),
    "report.input.desa": ("Berkas desa", "Villages file"),
    "report.input.juri": ("Nilai juri", "Judges' scores"),
    "report.input.atribut": ("Atribut desa", "Village attributes"),
    "report.input.koreksi": ("Koreksi", "Overrides"),
    "report.setting.rubric": ("Rubrik", "Rubric"),
    "report.setting.edition": ("Rubrik mengikuti", "Rubric follows"),
    "report.setting.method": ("Metode peringkat", "Ranking method"),
    "report.setting.aggregation": ("Gabungan nilai juri", "Judges' scores combined by"),
    "report.setting.tie_breakers": ("Penentu bila seri", "Tie-breakers"),
    "report.col.peringkat": ("Peringkat", "Rank"),
    "report.col.status_lomba": ("Status", "Status"),
    "report.col.total": ("Total", "Total"),
    "report.col.persen_maksimum": ("% dari maksimum", "% of maximum"),
    "report.col.predikat": ("Predikat", "Band"),
    "report.col.subtotal": ("Subtotal {group}", "Subtotal {group}"),
    "report.col.diputus_oleh": ("Diputus oleh", "Decided by"),
    "report.col.catatan": ("Catatan", "Notes"),
    "report.col.tindakan": ("Tindakan", "Action"),
    "report.col.kriteria": ("Kriteria", "Criterion"),
    "report.col.nilai_lama": ("Nilai lama", "Old score"),
    "report.col.nilai_baru": ("Nilai baru", "New score"),
    "report.col.alasan": ("Alasan", "Reason"),
    "report.col.kendall_w": ("W Kendall", "Kendall's W"),
    "report.col.p_value": ("p", "p"),
    "report.col.jumlah_juri": ("Jumlah juri", "Judges"),
    "report.col.jumlah_desa_juri": ("Desa dinilai semua juri", "Villages scored by every judge"),
    "report.col.rendah": ("Kesepakatan rendah", "Low agreement"),
    "report.col.nilai_maksimum": ("Nilai maksimum", "Maximum score"),
    "report.col.juri": ("Juri", "Judge"),
    "report.section.overrides": ("Koreksi yang diterapkan", "Overrides applied"),
    "report.section.agreement": (
        "Kesepakatan juri (W Kendall)",
        "Agreement between judges (Kendall's W)",
    ),
    "report.section.criteria": ("Nilai per kriteria (0–100)", "Scores by criterion (0–100)"),
    "report.contest.status.diperingkat": ("diperingkat", "ranked"),
    "report.contest.status.tidak_lengkap": ("tidak lengkap", "incomplete"),
    "report.contest.status.dikeluarkan": ("dikeluarkan", "excluded"),
    "report.contest.no_overrides": ("Tidak ada koreksi.", "No overrides."),
    "report.contest.edition": ("Rubrik mengikuti {edition}.", "The rubric follows {edition}."),
    "report.contest.summary": (
        "{ranked} desa diperingkat menurut rubrik {rubric} (versi {version}); nilai maksimum "
        "{maximum}.",
        "{ranked} {ranked|village|villages} ranked with rubric {rubric} (version {version}); "
        "maximum score "
        "{maximum}.",
    ),
    "report.shrink": (
        "% ber-PHBS survei disusutkan (Bayes empiris beta-binomial) sebelum dinilai: "
        "(x + μκ) / (n + κ) dengan μ = {mu} dan κ = {kappa}; desa yang disurvei seluruhnya "
        "tidak disusutkan/diambil ulang.",
        "Survey % ber-PHBS shrunk (empirical Bayes beta-binomial) before scoring: "
        "(x + μκ) / (n + κ) with μ = {mu} and κ = {kappa}; villages surveyed in full are "
        "neither shrunk nor resampled.",
    ),
    "report.shrink.infinite": (
        "% ber-PHBS survei disusutkan (Bayes empiris beta-binomial) sebelum dinilai: κ = ∞, "
        "setiap desa dinilai pada μ = {mu}; desa yang disurvei seluruhnya tidak "
        "disusutkan/diambil ulang.",
        "Survey % ber-PHBS shrunk (empirical Bayes beta-binomial) before scoring: κ = ∞, "
        "every village scored at μ = {mu}; villages surveyed in full are neither shrunk nor "
        "resampled.",
    ),
    "report.setting.shrink": ("Penyusutan % ber-PHBS", "Shrinkage of % ber-PHBS"),
    "report.contest.bands": ("Predikat", "Bands"),
    # --- settings, methods and contest codes in words (a report never shows an id)
    "na_policy.exclude": ("tidak masuk penyebut", "left out of the denominator"),
    "na_policy.as_met": ("dihitung terpenuhi", "counted as met"),
    "na_policy.as_unmet": ("dihitung tidak terpenuhi", "counted as not met"),
    "id_scope.survei": ("survei", "survey"),
    "id_scope.desa": ("desa", "village"),
    "ci.method.wilson": ("skor Wilson", "Wilson score"),
    "ci.method.clopper-pearson": ("Clopper–Pearson (eksak)", "Clopper–Pearson (exact)"),
    "ci.method.jeffreys": ("Jeffreys", "Jeffreys"),
    "funnel.method.exact": ("binomial eksak", "exact binomial"),
    "funnel.method.normal": ("pendekatan normal", "normal approximation"),
    "funnel.method.adjusted": (
        "efek acak aditif (disesuaikan untuk sebaran antardesa)",
        "additive random effects (widened for the spread between villages)",
    ),
    "prior.method.moments": ("metode momen", "method of moments"),
    "prior.method.marginal-ml": (
        "kemungkinan marginal maksimum",
        "marginal maximum likelihood",
    ),
    "prior.method.given": ("prior yang diberikan", "given prior"),
    "method.weighted_sum": ("jumlah tertimbang", "weighted sum"),
    "method.topsis": (
        "TOPSIS (kedekatan dengan desa ideal)",
        "TOPSIS (closeness to the ideal village)",
    ),
    "aggregation.mean": ("rata-rata", "mean"),
    "aggregation.median": ("nilai tengah (median)", "median"),
    "aggregation.trimmed_mean": ("rata-rata terpangkas", "trimmed mean"),
    "breaker.subtotal": ("subtotal {group}", "{group} subtotal"),
    "decided.total": ("nilai total", "the total"),
    "decided.seri": ("seri: peringkat bersama", "tied: shared rank"),
    "override.ubah": ("ubah nilai", "change score"),
    "override.keluarkan": ("keluarkan desa", "exclude village"),
    "note.refused": (
        "{criterion}: dipakai nilai {used} dari {total} juri ({values} ditolak)",
        "{criterion}: scores of {used} of {total} {total|judge|judges} used ({values} refused)",
    ),
    "note.refused.value": ("nilai {judge} '{value}'", "{judge}'s value '{value}'"),
    "agreement.total": ("Total nilai juri", "Judges' totals"),
    "agreement.reason.too-few-objects": (
        "kurang dari dua desa dinilai semua juri",
        "fewer than two villages scored by every judge",
    ),
    "agreement.reason.too-few-judges": ("kurang dari dua juri", "fewer than two judges"),
    "agreement.reason.all-tied": (
        "semua juri memberi semua desa nilai yang sama",
        "every judge gave every village the same score",
    ),
    "agreement.reason.missing-ratings": ("ada nilai yang kosong", "some scores are missing"),
    "measure.persen_ber_phbs": (
        "% rumah tangga ber-PHBS (survei)",
        "% households practising PHBS (survey)",
    ),
    "measure.persen_dipantau": (
        "% rumah tangga dipantau (survei)",
        "% households monitored (survey)",
    ),
    "measure.cakupan": ("cakupan {name} (survei)", "coverage of {name} (survey)"),
    "measure.perubahan_persen_ber_phbs": (
        "Perubahan % ber-PHBS antarputaran (poin persen)",
        "Change in % ber-PHBS between rounds (percentage points)",
    ),
    "note.change.absent": (
        "desa tidak disurvei di putaran {rounds}",
        "the village was not surveyed in round {rounds}",
    ),
    "note.change.empty": (
        "tidak ada rumah tangga yang hasilnya lengkap di putaran {rounds}",
        "no household with a complete result in round {rounds}",
    ),
    "note.change.joined": (
        "perubahan gabungan {unit} (kode {codes} digabung oleh berkas perubahan kode), "
        "bukan desa ini sendiri",
        "the change of the joined unit {unit} (codes {codes} joined by the code-change file), "
        "not of this village alone",
    ),
    "report.change": (
        "Kriteria {criteria} memakai perubahan % ber-PHBS dari putaran {dari} ke putaran {ke} "
        "(poin persen).",
        "Criteria {criteria} use the change in % ber-PHBS from round {dari} to round {ke} "
        "(percentage points).",
    ),
    "report.setting.change": ("Perubahan antarputaran", "Change between rounds"),
    "report.change.tie_breaker": ("penentu seri", "tie-breaker"),
    "round.current": ("terkini", "current"),
    "report.sheet.readings": ("Cara Baca", "How read"),
    "report.no_dusun": ("(tanpa dusun)", "(no sub-village)"),
    "report.col.cara_baca": ("Cara baca", "Read as"),
    "report.berita_acara.heading": ("BERITA ACARA PENILAIAN", "MINUTES OF THE ASSESSMENT"),
    "report.berita_acara.subtitle": (
        "{contest} · tingkat {level} · tahun {year}",
        "{contest} · {level} level · year {year}",
    ),
    "report.berita_acara.opening": (
        "Pada hari ini {day}, tanggal {date}, bertempat di {place}, tim penilai telah menilai "
        "{count} desa/kelurahan peserta {contest} tingkat {level} tahun {year} menurut rubrik "
        "penilaiannya (versi {version}). Hasil penilaian sebagai berikut.",
        "On {day}, {date}, at {place}, the judging panel assessed the {count} "
        "{count|village|villages} taking "
        "part in the {contest}, {level} level, year {year}, with its scoring rubric (version "
        "{version}). The results are as follows.",
    ),
    "report.berita_acara.results": ("Hasil penilaian", "Results"),
    "report.berita_acara.col.rank": ("Peringkat", "Rank"),
    "report.berita_acara.col.code": ("Kode", "Code"),
    "report.berita_acara.col.village": ("Desa/Kelurahan", "Village"),
    "report.berita_acara.col.kecamatan": ("Kecamatan", "Subdistrict"),
    "report.berita_acara.col.total": ("Jumlah nilai", "Total score"),
    "report.berita_acara.col.total_topsis": ("Nilai TOPSIS (0–1)", "TOPSIS score (0–1)"),
    "report.berita_acara.col.percent": ("% nilai maks.", "% of max."),
    "report.berita_acara.col.band": ("Predikat", "Band"),
    "report.berita_acara.col.remark": ("Keterangan", "Remark"),
    "report.berita_acara.winner": ("Juara {place}", "Winner, {place} place"),
    "report.berita_acara.winner_places": (
        "I,II,III,IV,V,VI,VII,VIII,IX,X",
        "1st,2nd,3rd,4th,5th,6th,7th,8th,9th,10th",
    ),
    "report.berita_acara.overrides": ("Koreksi dan pengecualian", "Corrections and exclusions"),
    "report.berita_acara.override.ubah": (
        "{village} ({code}): nilai {criterion} diubah dari {old} menjadi {new}. Alasan: {reason}",
        "{village} ({code}): {criterion} changed from {old} to {new}. Reason: {reason}",
    ),
    "report.berita_acara.override.keluarkan": (
        "{village} ({code}): dikeluarkan dari peringkat. Alasan: {reason}",
        "{village} ({code}): excluded from the ranking. Reason: {reason}",
    ),
    "report.berita_acara.not_ranked": (
        "{village} ({code}): tidak diperingkat ({status}). {notes}",
        "{village} ({code}): not ranked ({status}). {notes}",
    ),
    "report.berita_acara.no_overrides": (
        "Tidak ada koreksi nilai dan tidak ada desa yang dikeluarkan.",
        "No score was corrected and no village was excluded.",
    ),
    "report.berita_acara.quality": ("Kualitas data", "Data quality"),
    "report.berita_acara.quality_denominator": (
        " % ber-PHBS = {how} (penyebut menurut formulir).",
        " % PHBS = {how} (the form's denominator).",
    ),
    "report.berita_acara.quality_text": (
        "Nilai survei dihitung dari {files} berkas survei: {read} baris dibaca, {scored} "
        "rumah tangga dinilai dan {set_aside} baris disisihkan dengan alasan tercatat. "
        "Pemeriksaan data mencatat {errors} galat dan {warnings} peringatan; rinciannya ada "
        "di laporan (bagian Kualitas data).",
        "Survey scores were computed from {files} survey file(s): {read} {read|row|rows} read, "
        "{scored} "
        "households scored and {set_aside} {set_aside|row|rows} set aside with their reasons. The "
        "data checks "
        "recorded {errors} {errors|error|errors} and {warnings} {warnings|warning|warnings}, "
        "listed in the report (Data "
        "quality).",
    ),
    "report.berita_acara.quality_small": (
        " {count} desa disurvei kurang dari {minimum} rumah tangga tanpa cakupan penuh.",
        " {count} {count|village|villages} were surveyed below {minimum} "
        "{minimum|household|households} without full coverage.",
    ),
    "report.berita_acara.rubric": (
        "Rubrik: {title} (id {id}, versi {version}), SHA-256 {sha256}.",
        "Rubric: {title} (id {id}, version {version}), SHA-256 {sha256}.",
    ),
    "report.berita_acara.rubric_edition": (
        "Rubrik: {title} (id {id}, versi {version}), mengikuti {edition}; SHA-256 {sha256}.",
        "Rubric: {title} (id {id}, version {version}), following {edition}; SHA-256 {sha256}.",
    ),
    "report.berita_acara.closing": (
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana "
        "mestinya.",
        "These minutes were drawn up truthfully, to be used as required.",
    ),
    "report.berita_acara.place_date": ("{place}, {date}", "{place}, {date}"),
    "report.berita_acara.panel": ("Tim penilai", "Judging panel"),
    "report.berita_acara.judge": ("Juri {number}", "Judge {number}"),
    "report.berita_acara.chair": ("Ketua tim penilai", "Chair of the panel"),
    "report.berita_acara.appendix": (
        "Lampiran: sidik jari berkas masukan (SHA-256)",
        "Appendix: fingerprints of the input files (SHA-256)",
    ),
    "report.berita_acara.made_by": (
        "Dibuat dengan phbs {version} pada {created}.",
        "Made with phbs {version} on {created}.",
    ),
    "report.berita_acara.level_kecamatan": ("Kecamatan {name}", "Kecamatan {name}"),
    "report.berita_acara.level_provinsi": ("Provinsi {name}", "Province of {name}"),
    "report.berita_acara.level_nasional": ("nasional", "national"),
    "date.months": (
        "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
        "January,February,March,April,May,June,July,August,September,October,November,December",
    ),
    "date.weekdays": (
        "Senin,Selasa,Rabu,Kamis,Jumat,Sabtu,Minggu",
        "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
    ),
    "report.form": ("Formulir", "Form"),
    "report.mapping": ("Peta berkas", "Mapping"),
    "map.written": (
        "Ditulis {path}: {mapped} dari {columns} kolom dipetakan.",
        "Written {path}: {mapped} of {columns} {columns|column|columns} mapped.",
    ),
    "map.written_sheet": (
        "Ditulis {path}: lembarnya dipilih dulu, lalu kolomnya diusulkan.",
        "Written {path}: the sheet is chosen first, then its columns are proposed.",
    ),
    "map.questions": (
        '{count} pertanyaan belum terjawab: cari TANYA di {path} dan ganti setiap "?".',
        '{count} question(s) open: look for TANYA in {path} and replace each "?".',
    ),
    "map.not_needed": (
        "Berkas ini juga terbaca tanpa peta: {command}",
        "This file is read without a mapping too: {command}",
    ),
    "map.next": (
        "Periksa petanya, lalu: {command}",
        "Check the mapping, then: {command}",
    ),
    # The comparison with an earlier round in the report (phbs report --baseline, §5.8).
    "report.section.trends": ("Perubahan antarputaran", "Change between rounds"),
    "report.trends.title": (
        "Perubahan dari {before} ke {after}",
        "Change from {before} to {after}",
    ),
    "report.trends.verdict.naik": ("naik", "up"),
    "report.trends.verdict.turun": ("turun", "down"),
    "report.trends.verdict.tidak_berubah_bermakna": (
        "tidak berubah bermakna",
        "no meaningful change",
    ),
    "report.trends.verdict.none": ("tanpa putusan", "no verdict"),
    "report.trends.reason.tidak_ada_di_putaran": (
        "tidak ada di kedua putaran",
        "not in both rounds",
    ),
    "report.trends.reason.penyebut_nol": ("penyebut nol", "no households to count"),
    "report.trends.reason.formulir_berbeda": (
        "definisi berbeda, tanpa putusan",
        "defined differently, no verdict",
    ),
    "report.trends.interval": ("{low} s.d. {high}", "{low} to {high}"),
    "report.trends.round": (
        "Putaran {label}: {files} ({villages} desa, {households} rumah tangga disurvei; "
        "formulir {form}).",
        "Round {label}: {files} ({villages} {villages|village|villages}, {households} "
        "{households|household|households} surveyed; form {form}).",
    ),
    "report.trends.paired": (
        "Transisi: rumah tangga dengan id yang sama di desa yang sama pada kedua putaran dan "
        "lengkap di keduanya; menjadi ber-PHBS = dari tidak ber-PHBS ke ber-PHBS, tidak lagi "
        "= dari ber-PHBS ke tidak ber-PHBS.",
        "Transitions: households with the same id in the same village in both rounds, "
        "complete in both; became PHBS = from not PHBS to PHBS, no longer = from PHBS to "
        "not PHBS.",
    ),
    "report.trends.col.value": ("% ber-PHBS {label}", "% PHBS {label}"),
    "report.trends.col.change": ("Perubahan (poin)", "Change (points)"),
    "report.trends.col.verdict": ("Putusan", "Verdict"),
    "report.trends.col.transitions": ("Transisi berpasangan", "Paired transitions"),
    "report.trends.col.indicator": ("Indikator", "Indicator"),
    "report.trends.col.coverage": ("Cakupan {label}", "Coverage {label}"),
    "report.trends.col.areas_up": ("{level} naik", "areas up"),
    "report.trends.col.areas_down": ("{level} turun", "areas down"),
    "report.trends.col.areas_same": ("tidak berubah bermakna", "no meaningful change"),
    "report.trends.col.ber": ("Ber-PHBS {label}", "PHBS {label}"),
    "report.trends.col.base": ("Penyebut {label}", "Denominator {label}"),
    "report.trends.col.low": ("Perubahan: batas bawah", "Change: lower bound"),
    "report.trends.col.high": ("Perubahan: batas atas", "Change: upper bound"),
    "report.trends.col.paired": ("Berpasangan", "Paired"),
    "report.trends.col.became": ("Menjadi ber-PHBS", "Became PHBS"),
    "report.trends.col.no_longer": ("Tidak lagi ber-PHBS", "No longer PHBS"),
    "report.trends.transitions": (
        "menjadi {up} · tidak lagi {down}",
        "{up} became · {down} no longer",
    ),
    "report.trends.paired_count": ("{count} berpasangan", "{count} paired"),
    "report.trends.chart.title": (
        "% ber-PHBS {before} → {after} per {level}",
        "% PHBS {before} → {after} by {level}",
    ),
    "report.trends.chart.desc": (
        "Satu baris per {level}, diurutkan dari kenaikan terbesar. Titik = % ber-PHBS "
        "{before}; panah ke % ber-PHBS {after}; pita = interval kepercayaan {level_ci} % "
        "perubahan, diletakkan dari titik {before}. Pita yang tidak menyentuh titik "
        "{before} berarti perubahan bermakna. Warna = putusan.",
        "One row per {level}, largest increase first. Dot = % PHBS {before}; arrow to % "
        "PHBS {after}; band = the {level_ci}% confidence interval of the change, laid from "
        "the {before} dot. A band that does not touch the {before} dot means a meaningful "
        "change. Colour = verdict.",
    ),
    "report.trends.legend.band": ("pita: interval perubahan", "band: interval of the change"),
    "report.trends.indicators.title": (
        "Perubahan per indikator (seluruh wilayah laporan)",
        "Change by indicator (the whole report area)",
    ),
    "report.trends.indicators.note": (
        "Cakupan tiap indikator di seluruh wilayah laporan ({level} yang ada di kedua "
        "putaran dijumlahkan, tanpa koreksi populasi terbatas), perubahannya dengan interval, "
        "dan berapa {level} yang naik atau turun. Angka seluruh wilayah menunjukkan arah "
        "program; jumlah {level} menunjukkan apakah perubahan merata atau hanya di beberapa "
        "tempat.",
        "Each indicator's coverage over the whole report area (the areas in both rounds "
        "summed, without the finite population correction), its change with the interval, "
        "and how many areas ({level}) went up or down. The whole-area figure shows the "
        "programme's direction; the counts show whether the change is broad or in a few "
        "places.",
    ),
    "report.trends.chart.too_many": (
        "Grafik tidak dibuat untuk lebih dari {count} wilayah; baca tabel di atas.",
        "No chart for more than {count} areas; read the table above.",
    ),
    "report.trends.screen_note": (
        "{count} wilayah: grafik bergulir di dalam kotaknya.",
        "{count} areas: the chart scrolls inside its box.",
    ),
    "report.sheet.trends": ("Perubahan", "Change"),
    "report.trends.same_label": (
        "--label {label}: sama dengan label --baseline; beri label lain",
        "--label {label}: the same as the --baseline label; give another",
    ),
    "report.trends.needs_baseline": (
        "--label dan --code-changes hanya berlaku dengan --baseline",
        "--label and --code-changes only apply with --baseline",
    ),
    "report.trends.no_label": (
        "putaran sebelumnya tanpa label: tulis labelnya (mis. 2024)",
        "the earlier round has no label: write its label (e.g. 2024)",
    ),
    "report.trends.no_files": (
        "putaran {label}: tidak ada berkasnya; pilih berkas putaran itu",
        "round {label}: no files given; choose that round's files",
    ),
    "report.trends.no_file": (
        "--baseline {label}={path}: berkas tidak ada",
        "--baseline {label}={path}: no such file",
    ),
    "report.nav": ("Isi laporan", "Contents"),
    "report.filter.label": ("Saring:", "Filter:"),
    "report.filter.placeholder": ("nama atau kode…", "name or code…"),
    "report.filter.count": ("{shown} dari {total} ditampilkan", "{shown} of {total} shown"),
    "report.sort.hint": (
        "Klik judul kolom untuk mengurutkan; klik lagi untuk membalik urutan.",
        "Click a column header to sort; click again to reverse.",
    ),
    "report.headline.fraction": (
        "{ber} dari {den} rumah tangga",
        "{ber} of {den} {den|household|households}",
    ),
    "report.headline.incomplete": (
        "{belum} belum lengkap, tidak masuk penyebut",
        "{belum} incomplete, left out of the denominator",
    ),
    "report.headline.incomplete.disurvei": (
        "{belum} belum lengkap, masuk penyebut sebagai tidak ber-PHBS",
        "{belum} incomplete, in the denominator as not practising PHBS",
    ),
    "report.headline.sample_short": (
        "{count} desa sampel < 210 dan tidak dipantau penuh",
        "{count} {count|village|villages} sampled below 210 and not fully covered",
    ),
    "report.stratum": ("Strata {label}", "Stratum {label}"),
    "report.target": ("Target", "Target"),
    "report.chart.caption": (
        "Warna batang = strata desa; angka dalam kurung = ber-PHBS / penyebut.",
        "Bar colour = village stratum; in brackets = PHBS / denominator.",
    ),
    "report.quality.details": (
        "Setiap masalah dengan berkas, baris dan kolomnya ada di lembar Masalah Data "
        "pada buku kerja Excel.",
        "Every issue with its file, row and column is in the Data Issues sheet of the "
        "Excel workbook.",
    ),
    "report.def.cakupan": (
        "Cakupan indikator = jawaban ya / rumah tangga dengan indikator berlaku dan terjawab "
        "× 100 (kolom 'ada indikator' pada rekap).",
        "Indicator coverage = answered yes / households where the indicator applies and was "
        "answered × 100.",
    ),
    "report.def.dipantau": (
        "% dipantau = rumah tangga disurvei / jumlah rumah tangga di desa × 100 (dari berkas "
        "desa). Desa dengan sampel di bawah 210 rumah tangga yang tidak dipantau penuh ditandai.",
        "% monitored = households surveyed / households in the village × 100 (from the "
        "villages file). Villages sampled below 210 households and not fully covered are "
        "flagged.",
    ),
    "report.def.na_policy.exclude": (
        "Indikator yang tidak berlaku tidak masuk penyebut: rumah tangga ber-PHBS bila semua "
        "indikator yang berlaku dijawab ya.",
        "A not-applicable indicator is left out of the denominator: a household practises "
        "PHBS when every applicable indicator is yes.",
    ),
    "report.def.na_policy.as_met": (
        "Indikator yang tidak berlaku dihitung terpenuhi (status sama seperti bila tidak masuk "
        "penyebut; indeks berbeda).",
        "A not-applicable indicator counts as met (the same status as when it is left out of "
        "the denominator; the index differs).",
    ),
    "report.def.na_policy.as_unmet": (
        "Indikator yang tidak berlaku dihitung tidak terpenuhi: semua indikator harus ya "
        "(varian provinsi yang ketat).",
        "A not-applicable indicator counts as not met: every indicator must be yes (a "
        "strict provincial variant).",
    ),
    "report.def.strata": (
        "Strata desa adalah pengaturan, bukan aturan nasional: {strata} (% rumah tangga "
        "ber-PHBS); {source}.",
        "Village strata are a setting, not a national rule: {strata} (% households "
        "practising PHBS); {source}.",
    ),
    "report.def.rollup.title": ("Rekap wilayah", "Roll-up"),
    "report.def.rollup": (
        "Rekap kecamatan, kabupaten dan provinsi menjumlahkan hitungan desa lalu menghitung "
        "ulang persentase; persentase desa tidak dirata-ratakan.",
        "District, regency and province figures sum the village counts and recompute the "
        "percentages; village percentages are never averaged.",
    ),
    # --- contest ranking (phbs rank, phbs rubric) ---
    "rank.title": (
        "Peringkat lomba desa — rubrik {rubric} (versi {version})",
        "Village contest ranking — rubric {rubric} (version {version})",
    ),
    "rank.default_rubric": (
        "Tanpa --rubric: dipakai rubrik bawaan {rubric} (rubrik lain: --rubric NAMA|BERKAS)",
        "No --rubric: the bundled rubric {rubric} is used (another: --rubric NAME|FILE)",
    ),
    "rank.settings": (
        "Metode: {method} · nilai juri: {aggregation} · seri bila sama sampai {decimals} "
        "desimal · penentu seri: {breakers}",
        "Method: {method} · judges' scores: {aggregation} · tied when equal to {decimals} "
        "decimals · tie-breakers: {breakers}",
    ),
    "rank.none": ("(tidak ada)", "(none)"),
    "rank.topsis": (
        "Total = koefisien kedekatan TOPSIS (0–1, relatif terhadap desa peserta); % maks dan "
        "predikat dari jumlah tertimbang.",
        "Total = TOPSIS closeness coefficient (0–1, relative to the villages ranked); % max "
        "and label from the weighted sum.",
    ),
    "rank.col.rank": ("Peringkat", "Rank"),
    "rank.col.percent": ("% maks", "% max"),
    "rank.col.label": ("Predikat", "Label"),
    "rank.col.status": ("Keterangan", "Status"),
    "rank.status.tidak_lengkap": ("tidak lengkap", "incomplete"),
    "rank.status.dikeluarkan": ("dikeluarkan", "excluded"),
    "rank.counts": (
        "{ranked} desa diperingkat, {incomplete} tidak lengkap, {excluded} dikeluarkan "
        "(nilai maksimum {maximum})",
        "{ranked} {ranked|village|villages} ranked, {incomplete} incomplete, {excluded} excluded "
        "(maximum {maximum})",
    ),
    "rank.notes": ("Catatan (masuk berita acara):", "Notes (for the minutes):"),
    "rank.agreement.title": (
        "Kesepakatan juri (W Kendall, koreksi seri):",
        "Agreement between judges (Kendall's W, tie-corrected):",
    ),
    "rank.agreement.row": (
        "  {criterion}: W = {w} (χ² = {chi}, db = {df}, p = {p}; {judges} juri, {villages} desa)"
        "{low}",
        "  {criterion}: W = {w} (χ² = {chi}, df = {df}, p = {p}; {judges} {judges|judge|judges}, "
        "{villages} {villages|village|villages}){low}",
    ),
    "rank.agreement.low": (
        " — RENDAH; juri paling berbeda: {judge}",
        " — LOW; least agreeing judge: {judge}",
    ),
    "rank.agreement.undefined": (
        "  {criterion}: W tidak dapat dihitung ({reason})",
        "  {criterion}: W cannot be computed ({reason})",
    ),
    "rank.issues.summary": (
        "Masalah peringkat: {errors} galat, {warnings} peringatan, {infos} info",
        "Ranking issues: {errors} {errors|error|errors}, {warnings} {warnings|warning|warnings}, "
        "{infos} {infos|note|notes}",
    ),
    "rank.survey.issues": (
        "Data survei: {errors} galat, {warnings} peringatan, {infos} info",
        "Survey data: {errors} {errors|error|errors}, {warnings} {warnings|warning|warnings}, "
        "{infos} {infos|note|notes}",
    ),
    "rank.issues.hint": (
        "Rincian masalah ada di keluaran JSON (-o peringkat.json).",
        "Every issue is listed in the JSON output (-o ranking.json).",
    ),
    "rubric.list.title": ("Rubrik bawaan", "Bundled rubrics"),
    "rubric.ahp.title": (
        "Bobot AHP dari matriks perbandingan berpasangan {file}",
        "AHP weights from the pairwise comparison matrix {file}",
    ),
    "rubric.ahp.consistency": (
        "λ maks = {lambda_max} · CI = {ci} · RI (Saaty, n = {n}) = {ri} · CR = {cr}",
        "λ max = {lambda_max} · CI = {ci} · RI (Saaty, n = {n}) = {ri} · CR = {cr}",
    ),
    "rubric.ahp.consistent": (
        "CR ≤ 0,10: perbandingan cukup konsisten.",
        "CR ≤ 0.10: the comparisons are consistent enough.",
    ),
    "rubric.ahp.inconsistent": (
        "CR = {cr} > 0,10: perbandingan tidak konsisten; tinjau ulang matriks bersama juri, atau "
        "pakai --force untuk tetap memakai bobot ini.",
        "CR = {cr} > 0.10: the comparisons are inconsistent; review the matrix with the judges, "
        "or use --force to use these weights anyway.",
    ),
    "rubric.ahp.forced": (
        "Peringatan: CR > 0,10, bobot tetap dipakai karena --force.",
        "Warning: CR > 0.10, weights used anyway because of --force.",
    ),
    "rubric.ahp.scaled": (
        "Bobot rubrik = bobot AHP × {total} (jumlah bobot lama {kind} ini).",
        "Rubric weight = AHP weight × {total} (the sum of the old weights of these {kind}).",
    ),
    # --- uncertainty: intervals, sample adequacy, rank stability (docs/aturan.md §5.3, §5.4, §7.8)
    "ci.col": ("IK {level}%", "{level}% CI"),
    "ci.note": (
        "IK = interval kepercayaan {level}% ({method}{fpc}); desa dengan sampel kecil punya "
        "interval lebar.",
        "CI = {level}% confidence interval ({method}{fpc}); villages with small samples have "
        "wide intervals.",
    ),
    "ci.fpc": (", dengan koreksi populasi terbatas", ", with finite population correction"),
    "unc.title": ("Ketidakpastian", "Uncertainty"),
    "unc.col.median": ("Median pkt", "Median rank"),
    "unc.col.interval": ("Pkt 90%", "90% ranks"),
    "unc.col.first": ("P(1)", "P(1st)"),
    "unc.col.top3": ("P(≤3)", "P(top 3)"),
    "unc.col.keep": ("Tetap", "Kept"),
    "unc.col.ci": ("% ber-PHBS (IK)", "% PHBS (CI)"),
    "unc.bootstrap": (
        "Ketidakpastian peringkat: bootstrap {replicates} ulangan (seed {seed}), rumah tangga "
        "diambil ulang di tiap desa{judges}; nilai juri {held}.",
        "Rank uncertainty: bootstrap of {replicates} {replicates|replicate|replicates} (seed "
        "{seed}), households "
        "resampled within each village{judges}; judges' scores {held}.",
    ),
    "unc.judges.held": ("tetap", "held fixed"),
    "unc.sample.rumah_tangga": (
        " (bersama: semua kriteria survei dihitung ulang dari rumah tangga yang sama)",
        " (jointly: every survey criterion recomputed from the same households)",
    ),
    "unc.sample.jumlah": (
        " (dari jumlah per desa, tiap kriteria survei terpisah: hanya rekap yang tersedia)",
        " (from village counts, each survey criterion separately: only a summary was given)",
    ),
    "unc.sample.tidak_ada": (
        " (tanpa data survei: kriteria survei tetap)",
        " (no survey data: survey criteria held fixed)",
    ),
    "unc.judges.resampled": ("juga diambil ulang", "also resampled"),
    "unc.indistinct": (
        "Peringkat {first}–{last} tidak dapat dibedakan secara statistik (setiap dua interval "
        "peringkat 90% di antaranya tumpang tindih).",
        "Ranks {first}–{last} cannot be told apart statistically (every two of their 90% rank "
        "intervals overlap).",
    ),
    "unc.indistinct.more": (
        "… dan {count} kelompok peringkat lain yang tidak dapat dibedakan (lihat kolom "
        "interval peringkat).",
        "… and {count} more groups of ranks that cannot be told apart (see the rank interval "
        "column).",
    ),
    "unc.distinct": (
        "Peringkat 1 terpisah dari peringkat berikutnya secara statistik (interval peringkat "
        "90%-nya tidak tumpang tindih).",
        "Rank 1 is statistically separated from the next rank (their 90% rank intervals do "
        "not overlap).",
    ),
    "unc.weights": (
        "Kepekaan bobot: {replicates} ulangan (seed {seed}), {how}, tiap ulangan diperingkat "
        "seperti peringkat aslinya (total dibulatkan, lalu penentu seri); kolom 'Tetap' = "
        "peluang desa tetap di peringkatnya (desa yang seri berbagi posisi).",
        "Weight sensitivity: {replicates} {replicates|replicate|replicates} (seed {seed}), {how}, "
        "each ranked as the "
        "ranking itself (rounded total, then the tie-breakers); column 'Kept' = how often a "
        "village keeps its rank (tied villages share positions).",
    ),
    "unc.swaps": (
        "Pasangan di peringkat 1–{top} yang bertukar urutan pada sedikitnya {threshold} ulangan:",
        "Pairs ranked 1–{top} whose order swaps in at least {threshold} of the replicates:",
    ),
    "unc.swaps.none": (
        "Tidak ada pasangan di peringkat 1–{top} yang bertukar urutan pada {threshold} ulangan "
        "atau lebih.",
        "No pair ranked 1–{top} swaps order in {threshold} of the replicates or more.",
    ),
    "unc.weights.dirichlet": (
        "bobot kelompok ~ Dirichlet di sekitar bobot rubrik (konsentrasi {concentration})",
        "group weights ~ Dirichlet around the rubric's weights (concentration {concentration})",
    ),
    "unc.weights.uniform": (
        "bobot kelompok ±{spread} (seragam)",
        "group weights ±{spread} (uniform)",
    ),
    "unc.swap": (
        "  {a} ⇄ {b}: bertukar urutan pada {share} ulangan",
        "  {a} ⇄ {b}: swap order in {share} of replicates",
    ),
    "unc.shrink": (
        "Penyusutan (Bayes empiris beta-binomial, {method}): % ber-PHBS "
        "yang dinilai = (x + α) / (n + κ), ditarik ke μ = {mean} dengan κ = α + β = {strength} "
        "(prior Beta({alpha}; {beta}), bernilai {strength} rumah tangga, dari {villages} desa); "
        "interval posterior {level} % = kuantil Beta(x + α; n − x + β).",
        "Shrinkage (empirical-Bayes beta-binomial, {method}): the "
        "% ber-PHBS scored = (x + α) / (n + κ), pulled toward μ = {mean} with κ = α + β = "
        "{strength} (prior Beta({alpha}, {beta}), worth {strength} "
        "{strength|household|households}, from {villages} "
        "villages); {level}% posterior interval = quantiles of Beta(x + α, n − x + β).",
    ),
    "unc.shrink.infinite": (
        "Penyusutan (Bayes empiris beta-binomial, {method}): kemungkinan "
        "tertinggi di κ = ∞, yaitu {villages} desa tidak berbeda lebih dari yang dijelaskan "
        "kebetulan; penyusutan penuh: % ber-PHBS setiap desa yang dinilai = μ = {mean} (angka "
        "gabungan Σx / Σn), intervalnya titik itu.",
        "Shrinkage (empirical-Bayes beta-binomial, {method}): the "
        "likelihood is highest at κ = ∞, i.e. the {villages} {villages|village|villages} differ "
        "no more than "
        "chance explains; complete pooling: every village's % ber-PHBS scored = μ = {mean} "
        "(the pooled Σx / Σn), its interval that point.",
    ),
    "unc.col.shrunk": ("% disusutkan (IP)", "% shrunk (PI)"),
    # --- uncertainty in the Excel and HTML reports (docs/aturan.md §5.4, §5.7)
    "report.setting.ci": ("Interval kepercayaan", "Confidence interval"),
    "report.ci.setting": ("{method}, {level} %{fpc}", "{method}, {level}%{fpc}"),
    "report.col.persen_rumah_tangga_sehat": (
        "% rumah tangga sehat ({classes})",
        "% healthy households ({classes})",
    ),
    "report.col.rumah_tangga_sehat": ("Rumah tangga sehat", "Healthy households"),
    "report.col.rumah_tangga_berkelas": ("Rumah tangga berkelas", "Households with a class"),
    "report.col.rumah_tangga_tanpa_kelas": ("Tanpa kelas", "Without a class"),
    "report.col.persen_rumah_tangga_sehat_bawah": ("IK {level}% bawah", "{level}% CI lower"),
    "report.col.persen_rumah_tangga_sehat_atas": ("IK {level}% atas", "{level}% CI upper"),
    "report.healthy.title": (
        "{sehat} dari {berkelas} rumah tangga berkelas; IK {level}%: {low}–{high}",
        "{sehat} of {berkelas} {berkelas|household|households} with a class; {level}% CI: "
        "{low}–{high}",
    ),
    "report.col.persen_ber_phbs_bawah": ("IK {level}% bawah", "{level}% CI lower"),
    "report.col.persen_ber_phbs_atas": ("IK {level}% atas", "{level}% CI upper"),
    "report.col.indikator": ("Indikator", "Indicator"),
    "report.col.cakupan_bawah": ("IK {level}% bawah", "{level}% CI lower"),
    "report.col.cakupan_atas": ("IK {level}% atas", "{level}% CI upper"),
    "report.sheet.recap_ci": ("IK Cakupan", "Coverage CI"),
    # The footer of every printed page of a workbook (Excel's codes: &P page, &N pages).
    "report.print.page": ("Halaman &P dari &N", "Page &P of &N"),
    "report.recap.ci_note": (
        "Interval kepercayaan cakupan tiap indikator ({ci}) ada di lembar '{sheet}', satu baris "
        "per desa dan indikator, agar rekap ini tetap mudah dibaca.",
        "The confidence intervals of each indicator's coverage ({ci}) are on the '{sheet}' "
        "sheet, one row per village and indicator, so this recap stays readable.",
    ),
    "report.def.ci": (
        "Angka desa berasal dari sampel rumah tangga. Interval kepercayaan (IK) {level} % "
        "({ci}) menunjukkan rentang tempat nilai sebenarnya kemungkinan besar berada; desa "
        "dengan sedikit rumah tangga dinilai punya interval lebar.",
        "Village figures come from a sample of households. The {level}% confidence interval "
        "(CI; {ci}) shows the range the true value most likely lies in; villages with few "
        "households assessed have wide intervals.",
    ),
    "report.heat.ci": (
        "IK {level}%: {low}–{high} ({method})",
        "{level}% CI: {low}–{high} ({method})",
    ),
    "report.section.funnel": ("Diagram corong (funnel plot)", "Funnel plot"),
    "report.funnel.intro": (
        "Tiap titik satu desa: % ber-PHBS menurut jumlah rumah tangga dinilai. Garis putus-putus "
        "adalah batas kendali 95 % dan 99,8 % di sekitar rata-rata {rate}; makin sedikit rumah "
        "tangga, makin lebar batasnya. Desa di luar batas 99,8 % diberi nama.",
        "Each point is a village: % PHBS against households assessed. The dashed lines are the "
        "95% and 99.8% control limits around the overall {rate}; the fewer households, the "
        "wider the limits. Villages outside the 99.8% limits are named.",
    ),
    "report.funnel.x": (
        "Rumah tangga dinilai (ber-PHBS + tidak)",
        "Households assessed (PHBS + not)",
    ),
    "report.funnel.x.disurvei": (
        "Rumah tangga disurvei (penyebut % ber-PHBS)",
        "Households surveyed (denominator of % PHBS)",
    ),
    "report.funnel.mean": ("rata-rata {rate}", "overall {rate}"),
    "report.funnel.limit95": ("batas 95 %", "95% limits"),
    "report.funnel.limit998": ("batas 99,8 %", "99.8% limits"),
    "report.funnel.out95": ("di luar batas 95 %", "outside the 95% limits"),
    "report.funnel.out998": ("di luar batas 99,8 %", "outside the 99.8% limits"),
    "report.funnel.caption": (
        "Batas kendali binomial eksak (Spiegelhalter 2005): desa di luar batas 99,8 % bila "
        "peluang mendapat angka sejauh itu atau lebih jauh dari rata-rata, dengan jumlah rumah "
        "tangganya, di bawah 0,1 % (95 %: 2,5 %); garis ditarik di tengah antara hitungan "
        "terakhir di dalam dan pertama di luar.",
        "Exact binomial control limits (Spiegelhalter 2005): a village is outside the 99.8% "
        "limits when the chance of a count that far or further from the overall rate, with "
        "its households, is below 0.1% (95%: 2.5%); each line lies halfway between the last "
        "count inside and the first outside.",
    ),
    "report.funnel.axis": (
        "Sumbu mendatar: rumah tangga dengan hasil lengkap.",
        "Horizontal axis: households with a complete result.",
    ),
    "report.funnel.axis.disurvei": (
        "Sumbu mendatar: rumah tangga disurvei (penyebut % ber-PHBS menurut formulir).",
        "Horizontal axis: households surveyed (the form's denominator of % PHBS).",
    ),
    "report.funnel.caption.adjusted": (
        "Batas kendali disesuaikan untuk sebaran antardesa (efek acak aditif, Spiegelhalter "
        "2005): rata-rata ± z·√(p(1 − p)/n + τ²), τ = {tau} poin persen (DerSimonian–Laird).",
        "Control limits widened for the spread between villages (additive random effects, "
        "Spiegelhalter 2005): overall ± z·√(p(1 − p)/n + τ²), τ = {tau} percentage points "
        "(DerSimonian–Laird).",
    ),
    "report.funnel.caption.normal": (
        "Batas kendali pendekatan normal: rata-rata ± z·√(p(1 − p)/n).",
        "Normal-approximation control limits: overall ± z·√(p(1 − p)/n).",
    ),
    "report.funnel.dispersion.over": (
        "Uji dispersi (Spiegelhalter 2005): φ̂ = {phi} dari {count} desa (z-skor, 10 % "
        "terjauh di tiap ujung dipangkas); I·φ̂ = {stat} > {critical}, titik 95 % χ² dengan "
        "{df} derajat bebas: desa-desa berbeda lebih dari yang bisa dijelaskan kebetulan "
        "sampel, jadi batas kendali diperlebar dengan sebaran antardesa τ = {tau} poin persen. "
        "Desa di luar batas ini menonjol bahkan di antara desa yang memang berbeda-beda.",
        "Dispersion test (Spiegelhalter 2005): φ̂ = {phi} over {count} {count|village|villages} "
        "(z-scores, "
        "the 10% furthest at each end pulled in); I·φ̂ = {stat} > {critical}, the 95% point "
        "of χ² with {df} {df|degree|degrees} of freedom: the villages differ more than sampling "
        "chance "
        "explains, so the control limits are widened by the spread between villages τ = {tau} "
        "percentage points. A village outside these limits stands out even among villages "
        "that do differ.",
    ),
    "report.funnel.dispersion.ok": (
        "Uji dispersi (Spiegelhalter 2005): φ̂ = {phi} dari {count} desa; I·φ̂ = {stat} ≤ "
        "{critical}, titik 95 % χ² dengan {df} derajat bebas: sebaran antardesa masih dapat "
        "dijelaskan kebetulan sampel; batas binomial eksak dipakai apa adanya.",
        "Dispersion test (Spiegelhalter 2005): φ̂ = {phi} over {count} {count|village|villages}; "
        "I·φ̂ = "
        "{stat} ≤ {critical}, the 95% point of χ² with {df} {df|degree|degrees} of freedom: the "
        "spread "
        "between villages is within sampling chance; the exact binomial limits stand as "
        "they are.",
    ),
    "report.funnel.dispersion.none": (
        "Rata-rata {rate}: setiap desa sama dengan rata-rata, tidak ada desa yang di luar batas.",
        "Overall {rate}: every village equals the overall rate, none is outside the limits.",
    ),
    "report.funnel.limit95.adjusted": ("batas 95 % (disesuaikan)", "95% limits (widened)"),
    "report.funnel.limit998.adjusted": ("batas 99,8 % (disesuaikan)", "99.8% limits (widened)"),
    "report.funnel.none.adjusted": (
        "Semua desa berada di dalam batas 99,8 % yang disesuaikan: tidak ada desa yang menonjol "
        "dari sebaran antardesa.",
        "Every village lies within the widened 99.8% limits: none stands out from the spread "
        "between villages.",
    ),
    "report.funnel.outside": (
        "Desa di luar batas 99,8 % (berbeda dari rata-rata lebih dari yang bisa dijelaskan oleh "
        "kebetulan):",
        "Villages outside the 99.8% limits (different from the overall rate by more than chance "
        "explains):",
    ),
    "report.funnel.outside.adjusted": (
        "Desa di luar batas 99,8 % yang disesuaikan (menonjol bahkan setelah sebaran antardesa "
        "diperhitungkan):",
        "Villages outside the widened 99.8% limits (standing out even after the spread between "
        "villages is allowed for):",
    ),
    "report.funnel.item": (
        "{name} ({code}): {percent} ber-PHBS dari {count} rumah tangga, {side} batas 99,8 % "
        "({low}–{high}).",
        "{name} ({code}): {percent} PHBS of {count} {count|household|households}, {side} the "
        "99.8% limits "
        "({low}–{high}).",
    ),
    "report.funnel.above": ("di atas", "above"),
    "report.funnel.below": ("di bawah", "below"),
    "report.funnel.none": (
        "Semua desa berada di dalam batas 99,8 %: perbedaan antardesa masih dapat dijelaskan "
        "oleh kebetulan sampel.",
        "Every village lies within the 99.8% limits: the differences between villages can be "
        "explained by sampling chance.",
    ),
    "report.funnel.also95": (
        "Di luar batas 95 % saja (perlu diperhatikan, belum tentu berbeda): {names}.",
        "Outside the 95% limits only (worth a look, not necessarily different): {names}.",
    ),
    "report.funnel.table": (
        "Desa di luar batas kendali diagram corong",
        "Villages outside the funnel limits",
    ),
    "report.funnel.col.posisi": ("Posisi", "Position"),
    "report.funnel.col.n": ("Rumah tangga dinilai", "Households assessed"),
    "report.funnel.col.low": ("Batas 99,8% bawah", "99.8% lower limit"),
    "report.funnel.col.high": ("Batas 99,8% atas", "99.8% upper limit"),
    "report.funnel.pos.di_atas_99.8": ("di atas batas 99,8 %", "above the 99.8% limit"),
    "report.funnel.pos.di_bawah_99.8": ("di bawah batas 99,8 %", "below the 99.8% limit"),
    "report.funnel.pos.di_atas_95": ("di atas batas 95 %", "above the 95% limit"),
    "report.funnel.pos.di_bawah_95": ("di bawah batas 95 %", "below the 95% limit"),
    "report.funnel.pos.dalam": ("di dalam batas", "within the limits"),
    "report.funnel.sheet_note": (
        "Rata-rata semua desa {rate}; batas kendali: {method}. {dispersion} Diagram corong "
        "(funnel plot) ada di laporan HTML.",
        "Overall rate {rate}; control limits: {method}. {dispersion} The funnel plot is in the "
        "HTML report.",
    ),
    "report.section.rank_uncertainty": ("Seberapa pasti peringkat ini", "How sure this ranking is"),
    "report.unc.explain": (
        "Median pkt dan Pkt 90% = peringkat di tengah dan rentang 90 % peringkat bila survei "
        "diulang (bootstrap); P(1) dan P(≤3) = peluang menjadi juara 1 dan masuk tiga besar; "
        "Tetap = peluang peringkat tidak berubah bila bobot kelompok sedikit digeser.",
        "Median rank and 90% ranks = the middle rank and the range of 90% of ranks if the "
        "survey were repeated (bootstrap); P(1st) and P(top 3) = chance of winning and of "
        "being in the top three; Kept = chance of keeping the rank when the group weights move "
        "a little.",
    ),
    "report.col.peringkat_median": ("Median peringkat", "Median rank"),
    "report.col.peringkat_bawah": ("Pkt 90% terbaik", "90% best rank"),
    "report.col.peringkat_atas": ("Pkt 90% terburuk", "90% worst rank"),
    "report.col.p_pertama": ("P(juara 1)", "P(1st)"),
    "report.col.p_tiga_besar": ("P(3 besar)", "P(top 3)"),
    "report.col.p_tetap_bobot": ("P(tetap, bobot)", "P(kept, weights)"),
    "report.col.persen_ber_phbs_susut": ("% disusutkan", "% shrunk"),
    "report.col.persen_ber_phbs_susut_bawah": ("IP {level}% bawah", "{level}% PI lower"),
    "report.col.persen_ber_phbs_susut_atas": ("IP {level}% atas", "{level}% PI upper"),
    "report.unc.shrink_explain": (
        "% disusutkan = % ber-PHBS setelah penyusutan Bayes empiris (nilai yang dinilai); "
        "IP = interval posterior.",
        "% shrunk = % ber-PHBS after empirical-Bayes shrinkage (the value scored); "
        "PI = posterior interval.",
    ),
    # --- the command line: help of every command and option (phbs/cli/language.py reads
    # "cmd.<command>" for a command and "opt.<key>" for an option), and what the console says
    "cmd.phbs": (
        "phbs — skor survei PHBS rumah tangga: validasi, rekap desa, wilayah dan laporan.\n\n"
        "Mulai dengan 'phbs demo' untuk mencoba data contoh. Bahasa: --lang id|en sebelum atau "
        "sesudah perintah, atau variabel lingkungan PHBS_LANG.",
        "phbs — household PHBS survey scoring: validation, village and area summaries, "
        "reports.\n\nStart with 'phbs demo' to try the sample data. Language: --lang id|en "
        "before or after the command, or the PHBS_LANG environment variable.",
    ),
    "cmd.score": (
        "Skor survei rumah tangga dan cetak rekap per desa (atau tingkat lain).\n\n"
        "Contoh: phbs score survei.csv --villages desa.csv -o rekap.csv",
        "Score household surveys and print the summary by village (or another level).\n\n"
        "Example: phbs score survey.csv --villages villages.csv -o summary.csv",
    ),
    "cmd.validate": (
        "Periksa berkas survei dan cetak masalah data, yang paling sering dulu.\n\n"
        "Kode keluar: 0 tanpa galat, 1 ada galat, 2 salah pemakaian (opsi, berkas, formulir).",
        "Check survey files and print the data issues, the most frequent first.\n\n"
        "Exit codes: 0 no errors, 1 errors found, 2 usage error (option, file, form).",
    ),
    "cmd.demo": (
        "Coba phbs pada survei sintetis Kabupaten Tanah Bumbu: skor 14 desa dan peringkat lomba.",
        "Try phbs on a synthetic survey of Tanah Bumbu regency: score 14 villages and rank a "
        "contest.",
    ),
    "cmd.web": (
        "Buka phbs di browser komputer ini: unggah berkas survei, lihat tabel desa, masalah "
        "data dan peringkat, unduh laporan. Server hanya untuk komputer ini (127.0.0.1) kecuali "
        "--host diberikan.",
        "Open phbs in this computer's browser: upload survey files, see the village table, data "
        "issues and the ranking, download the reports. The server is for this computer only "
        "(127.0.0.1) unless --host is given.",
    ),
    "cmd.map": (
        "Buat peta untuk berkas survei yang tidak seperti contoh (judul kolom, ejaan jawaban, "
        "lembar, baris judul, wilayah nama desa).\n\nYang dapat ditebak dari berkas diusulkan; "
        'yang tidak dapat ditebak menjadi pertanyaan ("?") di berkas peta. Periksa dan jawab, '
        "lalu pakai: phbs score BERKAS --map PETA.yaml\n\n"
        "Contoh: phbs map kuesioner.xlsx -o peta.yaml",
        "Make a mapping for a survey file unlike the sample (column headers, answer spellings, "
        "sheet, header row, area of the village names).\n\nWhat can be guessed from the file is "
        'proposed; what cannot becomes a question ("?") in the mapping file. Check and answer '
        "them, then use it: phbs score FILE --map MAP.yaml\n\n"
        "Example: phbs map questionnaire.xlsx -o map.yaml",
    ),
    "cmd.rank": (
        "Peringkat desa lomba ber-PHBS menurut rubrik, nilai juri dan hasil survei.\n\n"
        "Tanpa --rubric dipakai rubrik bawaan lomba-desa-ber-phbs.\n\n"
        "Contoh: phbs rank --survey survei.csv --rubric lomba-desa-ber-phbs --judges juri.csv "
        "--attributes atribut.csv --overrides koreksi.csv -o peringkat.csv\n\n"
        "Kode keluar: 0 berhasil; 1 ada galat pada berkas juri/atribut/koreksi atau desa yang "
        "tidak dapat diperingkat (hasil tetap ditulis); 2 salah pemakaian (opsi, berkas, rubrik).",
        "Rank the villages of a PHBS contest by a rubric, the judges' scores and the survey.\n\n"
        "Without --rubric the bundled rubric lomba-desa-ber-phbs is used.\n\n"
        "Example: phbs rank --survey survey.csv --rubric lomba-desa-ber-phbs --judges "
        "judges.csv --attributes attributes.csv --overrides overrides.csv -o ranking.csv\n\n"
        "Exit codes: 0 success; 1 errors in the judges', attributes or overrides file, or "
        "villages that cannot be ranked (the results are written all the same); 2 usage error "
        "(option, file, rubric).",
    ),
    "cmd.report": (
        "Tulis laporan survei: buku kerja Excel dan/atau halaman HTML mandiri (tanpa "
        "internet).\n\nDengan --rubric (dan --judges, --attributes, --overrides) laporan memuat "
        "peringkat lomba dan berita acara untuk ditandatangani juri (--place, --date, --chair, "
        "--judge mengisinya; --minutes menulisnya juga sebagai halaman sendiri); --bootstrap, "
        "--weight-sensitivity dan --shrink menambahkan seberapa pasti peringkat itu (seperti "
        "phbs rank).\n\nContoh: phbs report --survey survei.csv --villages desa.csv --xlsx "
        "laporan.xlsx --html laporan.html",
        "Write the survey report: an Excel workbook and/or a self-contained HTML page (no "
        "internet needed).\n\nWith --rubric (and --judges, --attributes, --overrides) the "
        "report holds the contest ranking and the minutes (berita acara) for the judges to "
        "sign (--place, --date, --chair, --judge fill them in; --minutes writes them as a page "
        "of their own too); --bootstrap, --weight-sensitivity and --shrink add how sure the "
        "ranking is (as phbs rank does).\n\nExample: phbs report --survey survey.csv "
        "--villages villages.csv --xlsx report.xlsx --html report.html",
    ),
    "cmd.forms": (
        "Formulir survei: daftar, rincian, XLSForm, templat Excel dan formulir kertas.",
        "Survey forms: list, details, XLSForm, Excel template and paper form.",
    ),
    "cmd.forms.list": ("Daftar formulir bawaan.", "List the bundled forms."),
    "cmd.forms.show": (
        "Rincian satu formulir: indikator, keberlakuan, jawaban dan kelas.",
        "Details of one form: indicators, when they apply, answers and classes.",
    ),
    "cmd.forms.xlsform": (
        "Tulis formulir sebagai XLSForm untuk ODK Collect / KoBoCollect.\n\n"
        "Contoh: phbs forms xlsform kemenkes-rt-10 -o formulir.xlsx --kabupaten 63.10",
        "Write a form as an XLSForm for ODK Collect / KoBoCollect.\n\n"
        "Example: phbs forms xlsform kemenkes-rt-10 -o form.xlsx --kabupaten 63.10",
    ),
    "cmd.forms.template": (
        "Tulis templat Excel untuk mengetik formulir kertas (pilihan Ya / Tidak / -).\n\n"
        "Lembar pertama 'Data' dibaca langsung: phbs score entri.xlsx",
        "Write an Excel template for typing in paper forms (choices Ya / Tidak / -).\n\n"
        "Its first sheet, 'Data', is read as it is: phbs score entry.xlsx",
    ),
    "cmd.forms.print": (
        "Tulis formulir kertas kader (A4, definisi operasional di halaman belakang).\n\n"
        "Buka berkas HTML di peramban lalu cetak (Ctrl+P).",
        "Write the cadres' paper form (A4, operational definitions on the back).\n\n"
        "Open the HTML file in a browser and print it (Ctrl+P).",
    ),
    "cmd.forms.check": (
        "Periksa berkas formulir sendiri dan jelaskan setiap kesalahan.\n\n"
        "Kode keluar 0 bila sah, 1 bila ada masalah.",
        "Check a form file of your own and explain every mistake.\n\n"
        "Exit code 0 when it is valid, 1 when there are problems.",
    ),
    "cmd.rubric": (
        "Rubrik lomba desa: daftar, rincian, dan bobot AHP.",
        "Village contest rubrics: list, details and AHP weights.",
    ),
    "cmd.rubric.list": ("Daftar rubrik bawaan.", "List the bundled rubrics."),
    "cmd.rubric.show": (
        "Rincian satu rubrik: kelompok, bobot, kriteria, sumber nilai, penentu seri.",
        "Details of one rubric: groups, weights, criteria, score sources, tie-breakers.",
    ),
    "cmd.rubric.ahp": (
        "Bobot dari matriks perbandingan berpasangan juri (AHP, eigenvektor utama, CR Saaty)."
        "\n\nBaris dan kolom pertama MATRIKS menamai kelompok (atau kriteria) rubrik, urutannya "
        "sama. Menolak CR > 0,10 kecuali --force. Contoh: phbs rubric ahp matriks.csv "
        "--write-into lomba-desa-ber-phbs -o rubrik-ahp.yaml\n\n"
        "Kode keluar: 0 berhasil; 1 CR > 0,10 tanpa --force; 2 salah pemakaian.",
        "Weights from the judges' pairwise comparison matrix (AHP, principal eigenvector, "
        "Saaty's CR).\n\nThe first row and column of MATRIX name the rubric's groups (or "
        "criteria), in the same order. Refuses CR > 0.10 unless --force. Example: phbs rubric "
        "ahp matrix.csv --write-into lomba-desa-ber-phbs -o rubric-ahp.yaml\n\n"
        "Exit codes: 0 success; 1 CR > 0.10 without --force; 2 usage error.",
    ),
    "opt.help": ("Tampilkan bantuan ini lalu keluar.", "Show this message and exit."),
    "opt.version": ("Tampilkan versi lalu keluar.", "Show the version and exit."),
    "opt.lang": (
        "Bahasa keluaran: id (Indonesia) atau en (English); juga lewat variabel lingkungan "
        "PHBS_LANG. Bawaan: id.",
        "Output language: id (Indonesian) or en (English); also from the PHBS_LANG environment "
        "variable. Default: id.",
    ),
    "opt.quiet": ("Tanpa tampilan kemajuan di stderr.", "No progress display on stderr."),
    "opt.survey": (
        "Berkas survei rumah tangga (--survey a.csv b.csv, atau --survey diulang).",
        "Household survey files (--survey a.csv b.csv, or --survey repeated).",
    ),
    "opt.answers": (
        "Arti N tunggal: auto (dari huruf di berkas), ytn (Y/T/N: N = tidak berlaku), yn (Y/N: "
        "N = tidak).",
        "Meaning of a lone N: auto (from the letters in the file), ytn (Y/T/N: N = not "
        "applicable), yn (Y/N: N = no).",
    ),
    "opt.blank": (
        "Arti sel indikator kosong: missing (belum diisi), na (tidak berlaku, untuk ekspor "
        "aplikasi yang menyimpan kosong), tidak (lembar centang: kosong = tidak), auto (belum "
        "diisi; berkas yang bisa berarti lebih dari satu ditolak dengan penjelasan).",
        "Meaning of a blank indicator cell: missing (not yet answered), na (not applicable, "
        "for app exports that store blanks), tidak (a check-mark sheet: blank = no), auto (not "
        "yet answered; a file that could mean more than one is refused with an explanation).",
    ),
    "opt.not_collected": (
        "Indikator yang memang tidak dikumpulkan: skor tanpa indikator itu (dicatat di setiap "
        "keluaran). Boleh diulang.",
        "An indicator that was not collected on purpose: score without it (noted in every "
        "output). May be repeated.",
    ),
    "opt.keep_rejected": (
        "Tetap skor kiriman yang ditolak pemeriksa (KoBoToolbox/ODK Central).",
        "Score the submissions the reviewer rejected too (KoBoToolbox/ODK Central).",
    ),
    "opt.kabupaten": (
        "Kode kabupaten/kota (mis. 63.10) untuk mencocokkan nama desa bila berkas berisi nama, "
        "bukan kode.",
        "Regency/city code (e.g. 63.10) to match village names when the file holds names, not "
        "codes.",
    ),
    "opt.desa": (
        "Berkas satu desa tanpa kolom desa: kode desa (mis. 63.10.01.1007) untuk setiap "
        "barisnya. Beberapa berkas: satu --desa BERKAS=KODE untuk setiap berkas.",
        "A one-village file without a village column: the village code (e.g. 63.10.01.1007) "
        "of every row. Several files: one --desa FILE=CODE for each file.",
    ),
    "opt.kecamatan": (
        "Kode kecamatan (mis. 63.10.01) untuk mencocokkan nama desa.",
        "District code (e.g. 63.10.01) to match village names.",
    ),
    "opt.limit": (
        "Naikkan batas pembacaan untuk berkas yang memang sebesar itu: {names} (lihat "
        "SECURITY.md). Boleh diulang.",
        "Raise a reading limit for files that really are that large: {names} (see "
        "SECURITY.md). May be repeated.",
    ),
    "opt.map": (
        "Peta berkas (dibuat dengan phbs map): judul kolom, ejaan jawaban, lembar dan baris "
        "judul berkas yang tidak seperti contoh. BERKAS=PETA.yaml: peta untuk satu berkas saja "
        "(berkas lain dibaca tanpa peta itu). Boleh diulang.",
        "File mapping (made with phbs map): column headers, answer spellings, sheet and header "
        "row of files unlike the sample. FILE=MAP.yaml: a mapping for one file only (the other "
        "files are read without it). May be repeated.",
    ),
    "opt.form": (
        "Formulir bawaan (phbs forms list) atau berkas YAML (dengan --map: formulir petanya).",
        "Bundled form (phbs forms list) or a YAML file (with --map: the mapping's form).",
    ),
    "opt.sheet": (
        "Lembar Excel/ODS yang dibaca (bawaan: satu-satunya lembar berisi survei).",
        "Excel/ODS sheet to read (default: the only sheet holding a survey).",
    ),
    "opt.id_per_desa": (
        "ID rumah tangga unik per desa, bukan per survei (nomor diulang tiap desa).",
        "Household ids are unique per village, not per survey (numbers restart in each village).",
    ),
    "opt.villages": (
        "Berkas desa: kode_desa, jumlah_rumah_tangga (untuk % dipantau).",
        "Villages file: kode_desa, jumlah_rumah_tangga (for % monitored).",
    ),
    "opt.na_policy": (
        "Cara menghitung indikator tidak berlaku (bawaan: dari formulir).",
        "How a not-applicable indicator counts (default: from the form).",
    ),
    "opt.ci_method": (
        "Metode interval kepercayaan persentase desa.",
        "Confidence interval method for the village percentages.",
    ),
    "opt.confidence": (
        "Tingkat kepercayaan interval (0,5–0,999).",
        "Confidence level of the intervals (0.5–0.999).",
    ),
    "opt.rubric.default": (
        "Rubrik bawaan (phbs rubric list) atau berkas YAML.",
        "Bundled rubric (phbs rubric list) or a YAML file.",
    ),
    "opt.rubric.optional": (
        "Rubrik lomba: menambahkan peringkat desa.",
        "Contest rubric: adds the village ranking.",
    ),
    "opt.judges": ("Berkas nilai juri.", "Judges' scores file."),
    "opt.attributes": ("Berkas atribut desa.", "Village attributes file."),
    "opt.overrides": (
        "Berkas koreksi: keluarkan/ubah desa, dengan alasan tertulis.",
        "Overrides file: exclude or change a village, with a written reason.",
    ),
    "opt.method": (
        "Metode peringkat (bawaan: dari rubrik).",
        "Ranking method (default: from the rubric).",
    ),
    "opt.rank_incomplete": (
        "Tetap peringkat desa yang kurang nilai; kriteria kosong dihitung 0 dan dicatat.",
        "Rank villages with missing scores too; an empty criterion counts as 0 and is noted.",
    ),
    "opt.bootstrap": (
        "Bootstrap N ulangan: rumah tangga diambil ulang di tiap desa (perlu --survey).",
        "Bootstrap with N replicates: households resampled within each village (needs --survey).",
    ),
    "opt.seed": ("Seed acak (hasil sama).", "Random seed (the same results)."),
    "opt.baseline": (
        "Putaran dasar LABEL=BERKAS untuk perubahan % ber-PHBS (ulangi untuk beberapa berkas; "
        "satu .json dari phbs score -o adalah satu putaran).",
        "Baseline round LABEL=FILE for the change in % ber-PHBS (repeat for several files; "
        "one .json from phbs score -o is a round on its own).",
    ),
    "opt.label": (
        "Label putaran terkini, survei yang dibaca perintah ini (bawaan: terkini).",
        "Label of the current round, the survey this command reads (default: current).",
    ),
    "opt.resample_judges": (
        "Bootstrap juga mengambil ulang juri.",
        "The bootstrap resamples the judges too.",
    ),
    "opt.weight_sensitivity": (
        "Kepekaan bobot: N ulangan bobot kelompok yang diacak.",
        "Weight sensitivity: N replicates of randomly moved group weights.",
    ),
    "opt.weight_concentration": (
        "Konsentrasi Dirichlet di sekitar bobot kelompok (besar = dekat).",
        "Dirichlet concentration around the group weights (large = close).",
    ),
    "opt.weight_spread": (
        "Ganti Dirichlet dengan ±PERSEN % seragam per kelompok.",
        "Replace the Dirichlet with ±PERCENT % uniform per group.",
    ),
    "opt.shrink": (
        "% ber-PHBS disusutkan (empirical Bayes beta-binomial) sebelum dinilai.",
        "% PHBS shrunk (empirical-Bayes beta-binomial) before it is scored.",
    ),
    "opt.csv_excel": (
        "Tulis CSV untuk dibuka di Excel/LibreOffice berbahasa Indonesia: pemisah ';', koma "
        "desimal, angka dibulatkan seperti di laporan, UTF-8 dengan BOM; teks yang akan dibaca "
        "sebagai rumus diberi ' di depannya. Tanpa ini: CSV mesin (pemisah ',', titik desimal, "
        "presisi penuh).",
        "Write CSV to open in Excel/LibreOffice set to Indonesian: ';' separator, decimal comma, "
        "numbers rounded as the reports show them, UTF-8 with a BOM; text that would be read as "
        "a formula gets a ' in front. Without it: the machine CSV (',' separator, decimal point, "
        "full precision).",
    ),
    "cmd.compare": (
        "Bandingkan putaran survei: perubahan % ber-PHBS dan cakupan indikator per desa (atau "
        "tingkat lain), dengan interval dan putusan naik/turun/tidak berubah bermakna.\n\n"
        "Contoh: phbs compare --round 2024=survei-2024.csv --round 2025=survei-2025.csv "
        "--villages desa.csv -o perubahan.csv",
        "Compare survey rounds: the change of % PHBS and indicator coverage per village (or "
        "another level), with intervals and a verdict up / down / no significant change.\n\n"
        "Example: phbs compare --round 2024=survey-2024.csv --round 2025=survey-2025.csv "
        "--villages villages.csv -o change.csv",
    ),
    "opt.compare.round": (
        "Satu putaran: LABEL=BERKAS (berkas survei, rekap desa, atau .json dari phbs score -o). "
        "Ulangi dengan label yang sama untuk beberapa berkas; putaran diurutkan seperti ditulis, "
        "yang terlama dulu.",
        "One round: LABEL=FILE (survey file, village recap, or the .json of phbs score -o). "
        "Repeat with the same label for several files; rounds are taken in the order written, "
        "oldest first.",
    ),
    "opt.compare.round_form": (
        "Formulir untuk berkas survei satu putaran: LABEL=FORMULIR (bawaan: --form).",
        "Form for one round's survey files: LABEL=FORM (default: --form).",
    ),
    "opt.compare.round_villages": (
        "Berkas desa (jumlah rumah tangga) untuk satu putaran: LABEL=BERKAS (bawaan: --villages).",
        "Villages file (total households) for one round: LABEL=FILE (default: --villages).",
    ),
    "opt.compare.code_changes": (
        "Berkas perubahan kode desa (kolom kode_lama, kode_baru): pemekaran, penggabungan, "
        "kode baru.",
        "Village code-change file (columns kode_lama, kode_baru): splits, merges, new codes.",
    ),
    "opt.compare.output": (
        "Tulis perbandingan ke .csv atau .json (boleh keduanya: ulangi -o).",
        "Write the comparison to .csv or .json (both: repeat -o).",
    ),
    "opt.compare.by": (
        "Tingkat: desa, kecamatan, kabupaten atau provinsi.",
        "Level: desa (village), kecamatan, kabupaten or provinsi.",
    ),
    "opt.score.by": (
        "Tingkat rekap: dusun, desa, kecamatan, kabupaten atau provinsi.",
        "Summary level: dusun (sub-village), desa (village), kecamatan (district), kabupaten "
        "(regency) or provinsi (province).",
    ),
    "opt.score.output": ("Tulis rekap ke .csv atau .json.", "Write the summary to .csv or .json."),
    "opt.score.households": (
        "Tulis hasil per rumah tangga (.csv).",
        "Write the result of each household (.csv).",
    ),
    "opt.score.include_names": (
        "Sertakan data pribadi di --households dan --rejects: nama kepala rumah tangga dan "
        "nomor KK/NIK utuh (tanpa ini: empat angka terakhir).",
        "Include personal data in --households and --rejects: the household heads' names and "
        "full KK/NIK numbers (without it: the last four digits).",
    ),
    "opt.score.rejects": (
        "Tulis baris yang disisihkan dan alasannya (.csv).",
        "Write the rows set aside and why (.csv).",
    ),
    "opt.validate.output": (
        "Tulis semua masalah ke .csv atau .xlsx.",
        "Write every issue to .csv or .xlsx.",
    ),
    "opt.web.port": ("Porta (bawaan: porta bebas mana saja).", "Port (default: any free port)."),
    "opt.web.host": (
        "Alamat untuk mendengar selain 127.0.0.1 (mis. 0.0.0.0 untuk jaringan kantor); "
        "alamat yang dicetak lalu memuat kode akses.",
        "Address to listen on other than 127.0.0.1 (e.g. 0.0.0.0 for the office network); "
        "the printed address then holds an access code.",
    ),
    "opt.web.no_browser": ("Jangan buka browser.", "Do not open the browser."),
    "opt.web.max_upload_mb": (
        "Batas besar satu unggahan, dalam MB.",
        "Largest upload accepted, in MB.",
    ),
    "opt.demo.out": (
        "Folder untuk hasil contoh (dibuat bila belum ada).",
        "Folder for the demo outputs (made if missing).",
    ),
    "opt.rank.summary": (
        "Rekap per desa dari 'phbs score -o' (.csv/.json), sebagai ganti --survey.",
        "Village summary from 'phbs score -o' (.csv/.json), instead of --survey.",
    ),
    "opt.rank.output": (
        "Tulis peringkat ke .csv atau .json.",
        "Write the ranking to .csv or .json.",
    ),
    "opt.report.xlsx": ("Tulis buku kerja Excel.", "Write the Excel workbook."),
    "opt.report.html": ("Tulis halaman HTML mandiri.", "Write the self-contained HTML page."),
    "opt.report.title": (
        "Judul laporan (bawaan: menurut tingkat rekap).",
        "Report title (default: by the summary level).",
    ),
    "opt.report.include_names": (
        "Sertakan data pribadi di lembar Rumah Tangga: nama kepala rumah tangga dan nomor "
        "KK/NIK utuh.",
        "Include personal data in the Households sheet: the household heads' names and full "
        "KK/NIK numbers.",
    ),
    "opt.report.by": (
        "Tingkat tabel utama: dusun, desa, kecamatan, kabupaten atau provinsi.",
        "Level of the main table: dusun (sub-village), desa (village), kecamatan (district), "
        "kabupaten (regency) or provinsi (province).",
    ),
    "opt.report.households_sheet_rows": (
        "Paling banyak JUMLAH rumah tangga di lembar Rumah Tangga (0 = tanpa daftar rumah "
        "tangga; bawaan: semua, lanjut ke lembar berikutnya setelah 1.048.575 baris). "
        "Buku kerja menyebut berapa yang tidak ditampilkan.",
        "At most JUMLAH households on the Households sheet (0 = no household list; default: "
        "all, continued on further sheets after 1,048,575 rows). The workbook says how many "
        "are not shown.",
    ),
    "opt.report.target": ("Target % ber-PHBS (mis. 70).", "Target % PHBS (e.g. 70)."),
    "opt.report.templates": (
        "Folder templat sendiri (dicari lebih dulu daripada templat bawaan).",
        "Folder of your own templates (looked in before the bundled ones).",
    ),
    "opt.minutes": (
        "Tulis juga berita acara lomba sebagai halaman sendiri untuk dicetak (perlu --rubric; "
        "laporan HTML dan Excel selalu memuatnya).",
        "Also write the contest's minutes (berita acara) as a page of their own to print (needs "
        "--rubric; the HTML and Excel reports always hold them).",
    ),
    "opt.place": ("Tempat penilaian (berita acara).", "Where the judging took place (minutes)."),
    "opt.date": (
        "Tanggal penilaian, 2025-10-20 atau 20-10-2025 (berita acara).",
        "Date of the judging, 2025-10-20 or 20-10-2025 (minutes).",
    ),
    "opt.chair": (
        "Nama ketua tim penilai (berita acara).",
        "Name of the chair of the judging panel (minutes).",
    ),
    "opt.judge": (
        "Nama juri untuk tanda tangan, boleh berulang (bawaan: juri di berkas --judges).",
        "A judge's name for the signatures, may be repeated (default: the judges of the "
        "--judges file).",
    ),
    "opt.contest_level": (
        "Tingkat lomba di judul, mis. 'Kabupaten Tanah Bumbu' (bawaan: wilayah terkecil yang "
        "memuat semua desa).",
        "The contest's level in the heading, e.g. 'Kabupaten Tanah Bumbu' (default: the "
        "smallest area holding every village).",
    ),
    "opt.year": (
        "Tahun lomba (bawaan: tahun --date).",
        "Year of the contest (default: the year of --date).",
    ),
    "opt.map.output": ("Berkas peta yang ditulis (.yaml).", "Mapping file to write (.yaml)."),
    "opt.map.form": (
        "Formulir yang diikuti berkas (phbs forms list) atau berkas YAML.",
        "The form the file follows (phbs forms list) or a YAML file.",
    ),
    "opt.map.sheet": (
        "Lembar Excel/ODS (bawaan: yang paling mirip survei).",
        "Excel/ODS sheet (default: the one most like a survey).",
    ),
    "opt.map.start": (
        "Mulai dari peta yang sebagian sudah dijawab: jawabannya dipakai, sisanya diusulkan "
        "lagi (mis. setelah kolom indikator dipetakan, ejaan jawabannya diperiksa).",
        "Start from a mapping partly answered: its answers are kept, the rest is proposed "
        "again (e.g. once the indicator columns are mapped, their answer spellings are "
        "checked).",
    ),
    "opt.map.force": ("Timpa berkas peta yang sudah ada.", "Overwrite an existing mapping file."),
    "opt.forms.kabupaten": (
        "Kode kabupaten/kota (mis. 63.10): pilihan desa dari tabel kode wilayah.",
        "Regency/city code (e.g. 63.10): village choices from the region code table.",
    ),
    "opt.forms.xlsform.output": (
        "Berkas XLSForm (.xlsx) untuk ODK Central / KoBoToolbox.",
        "XLSForm file (.xlsx) for ODK Central / KoBoToolbox.",
    ),
    "opt.forms.xlsform.form_id": (
        "form_id di ODK Central / KoBoToolbox (bawaan: id formulir, ditambah kode kabupaten "
        "dengan --kabupaten).",
        "form_id in ODK Central / KoBoToolbox (default: the form's id, plus the regency code "
        "with --kabupaten).",
    ),
    "opt.forms.xlsform.version": (
        "version formulir (bawaan: versi formulir dan sidik isi XLSForm, berubah bila isinya "
        "berubah).",
        "Form version (default: the form's version and a fingerprint of the XLSForm's "
        "content, new whenever the content changes).",
    ),
    "opt.forms.template.output": (
        "Berkas Excel (.xlsx) untuk mengetik formulir kertas.",
        "Excel file (.xlsx) for typing in paper forms.",
    ),
    "opt.forms.template.rows": (
        "Jumlah baris yang disiapkan dengan pilihan jawaban.",
        "Rows prepared with the answer choices.",
    ),
    "opt.forms.print.output": (
        "Berkas HTML (.html) untuk dicetak A4 mendatar.",
        "HTML file (.html) to print on A4 landscape.",
    ),
    "opt.forms.print.households": ("Rumah tangga per lembar.", "Households per sheet."),
    "opt.forms.print.sheets": ("Jumlah lembar.", "Number of sheets."),
    "opt.rubric.ahp.sheet": (
        "Lembar Excel/ODS matriks (bawaan: pertama).",
        "Excel/ODS sheet of the matrix (default: the first).",
    ),
    "opt.rubric.ahp.force": ("Pakai bobot walau CR > 0,10.", "Use the weights even if CR > 0.10."),
    "opt.rubric.ahp.write_into": (
        "Rubrik (nama bawaan atau berkas) yang bobotnya diganti; perlu -o.",
        "Rubric (bundled name or file) whose weights are replaced; needs -o.",
    ),
    "opt.rubric.ahp.output": (
        "Berkas rubrik baru (.yaml) hasil --write-into.",
        "New rubric file (.yaml) made by --write-into.",
    ),
    "cli.error": ("Galat", "Error"),
    "cli.version": ("phbs, versi {version}", "phbs, version {version}"),
    "cli.lang_env": (
        "PHBS_LANG={value}: bahasa harus id atau en",
        "PHBS_LANG={value}: the language must be id or en",
    ),
    "cli.no_room": (
        "tidak ada ruang untuk menulis ({reason}); kosongkan ruang disk lalu ulangi (keluaran "
        "sebelumnya tidak berubah)",
        "no room to write ({reason}); free some disk space and try again (earlier outputs are "
        "unchanged)",
    ),
    "cli.internal": (
        "Galat internal phbs {version} ({error} di {where}). Mohon laporkan; jalankan dengan "
        "'phbs --debug ...' untuk rincian.",
        "Internal error in phbs {version} ({error} at {where}). Please report it; run "
        "'phbs --debug ...' for the details.",
    ),
    "forms.col.name": ("nama", "name"),
    "forms.col.indicators": ("indikator", "indicators"),
    "forms.col.na_policy": ("indikator tidak berlaku", "not applicable indicators"),
    "forms.col.title": ("judul", "title"),
    "forms.show.title": ("{id} — {title} (versi {version})", "{id} — {title} (version {version})"),
    "forms.show.file": ("Berkas: {path}", "File: {path}"),
    "forms.show.na_policy": (
        "Indikator tidak berlaku: {policy} (--na-policy {id})",
        "Not applicable indicators: {policy} (--na-policy {id})",
    ),
    "forms.show.denominator": ("Penyebut % ber-PHBS: {how}", "Denominator of % PHBS: {how}"),
    "forms.show.denominator.iks": (
        "Penyebut IKS wilayah: {how}",
        "Denominator of the area IKS: {how}",
    ),
    "forms.show.strata": (
        "Strata desa (% ber-PHBS): {strata}",
        "Village strata (% PHBS): {strata}",
    ),
    "forms.show.sources": ("Sumber formulir:", "Sources of the form:"),
    "rubric.show.sources": ("Sumber rubrik:", "Sources of the rubric:"),
    "forms.show.source": ("Sumber: {source}", "Source: {source}"),
    "forms.show.no_source": (
        "(tidak disebut; lihat phbs forms check)",
        "(not given; see phbs forms check)",
    ),
    "forms.show.setting": ("Tatanan: {setting}", "Setting: {setting}"),
    "forms.setting.rumah_tangga": ("rumah tangga", "household"),
    "forms.setting.keluarga": ("keluarga", "family"),
    "forms.setting.institusi_pendidikan": (
        "institusi pendidikan (sekolah)",
        "educational institution (school)",
    ),
    "forms.show.outcome": (
        "Ber-PHBS: setiap indikator yang berlaku terpenuhi (tanpa Tidak, tanpa yang kosong)",
        "Ber-PHBS: every applicable indicator met (no No, none left blank)",
    ),
    "forms.show.identity": ("{title}: {fields}", "{title}: {fields}"),
    "forms.show.context": (
        "Penentu: {code} — {label}, {minimum}–{maximum}; kosong = {blank}",
        "Context: {code} — {label}, {minimum}–{maximum}; blank = {blank}",
    ),
    "forms.show.applies": ("Berlaku untuk: {applies}; {mark}", "Applies to: {applies}; {mark}"),
    "forms.show.na_mark.yes": ("'-' boleh", "'-' allowed"),
    "forms.show.na_mark.no": ("'-' tidak boleh", "'-' not allowed"),
    "forms.show.yes": ("Ya: {answers}", "Yes: {answers}"),
    "forms.show.no": ("Tidak: {answers}", "No: {answers}"),
    "forms.show.na": ("Tidak berlaku: {answers}", "Not applicable: {answers}"),
    "forms.show.classes": ("Kelas{local}:", "Classes{local}:"),
    "forms.show.local": (" — klasifikasi lokal", " — local"),
    "forms.show.healthy": (" — sehat", " — healthy"),
    "forms.show.index": ("indeks", "index"),
    "forms.show.of_applicable": (
        "{low}–{high} dari {applicable}",
        "{low}–{high} of {applicable}",
    ),
    "forms.check.ok": (
        "OK: {path} — {form}, {count} indikator",
        "OK: {path} — {form}, {count} {count|indicator|indicators}",
    ),
    "forms.check.problems": ("{path}: {count} masalah", "{path}: {count} {count|problem|problems}"),
    "forms.check.unsourced": (
        "{count} aturan tanpa sumber: tulis di kunci berikut peraturan atau pedoman yang diikuti, "
        "atau 'ASUMSI: alasannya' bila sumber publik tidak mengaturnya (docs/formulir.md)",
        "{count} {count|rule|rules} without a source: write at each key below the regulation or "
        "guide it "
        "follows, or 'ASUMSI: <reason>' where public sources are silent (docs/formulir.md)",
    ),
    "rubric.col.name": ("nama", "name"),
    "rubric.col.method": ("metode", "method"),
    "rubric.col.weights": ("bobot kelompok", "group weights"),
    "rubric.col.title": ("judul", "title"),
    "rubric.show.method": ("Metode: {method}", "Method: {method}"),
    "rubric.show.edition": ("Mengikuti: {edition}", "Follows: {edition}"),
    "rubric.show.reference": ("acuan: {reference}", "reference: {reference}"),
    "rubric.show.decimals": (
        "Seri: total yang sama sampai {decimals} desimal",
        "Tie: totals equal to {decimals} decimals",
    ),
    "rubric.show.not_rounded": (
        "Predikat dibaca dari persen nilai maksimum yang tidak dibulatkan",
        "The label is read from the percentage of the maximum, not rounded",
    ),
    "rubric.show.rounded": (
        "Predikat dibaca dari persen nilai maksimum yang dibulatkan ke desimal itu",
        "The label is read from the percentage of the maximum rounded to those decimals",
    ),
    "rubric.show.option_scores": (
        "Nilai pilihan a–d: seperti tertulis di tiap kriteria",
        "Scores of options a–d: as written under each criterion",
    ),
    # Class colours as the cards name them (forms' classes[].colour).
    "colour.merah": ("merah", "red"),
    "colour.kuning": ("kuning", "yellow"),
    "colour.hijau": ("hijau", "green"),
    "colour.biru": ("biru", "blue"),
    "rubric.show.notes": ("Catatan:", "Notes:"),
    "rubric.show.judges": (
        "Nilai juri digabung dengan {how}; W < {low} = kesepakatan rendah",
        "Judges' scores combined by {how}; W < {low} = low agreement",
    ),
    "rubric.show.bands": ("Predikat: {bands}", "Labels: {bands}"),
    "rubric.show.group": ("[{id}] {name} — bobot {weight}", "[{id}] {name} — weight {weight}"),
    "rubric.show.judge": ("nilai juri: 0–100 per juri", "judges' scores: 0–100 per judge"),
    "rubric.show.judge_options": ("nilai juri: pilihan", "judges' scores: options"),
    "rubric.show.as_is": ("apa adanya", "as is"),
    "rubric.show.linear": ("linear {low} → 0, {high} → 100", "linear {low} → 0, {high} → 100"),
    "rubric.show.survey": ("survei: {measure} ({how})", "survey: {measure} ({how})"),
    "rubric.show.attribute": (
        "atribut desa: {attribute} ({how})",
        "village attribute: {attribute} ({how})",
    ),
    "rubric.show.evidence": ("bukti: {evidence}", "evidence: {evidence}"),
    "rubric.show.tie_breakers": ("Penentu seri: {breakers}", "Tie-breakers: {breakers}"),
    "rubric.ahp.col.item": ("kelompok/kriteria", "group/criterion"),
    "rubric.ahp.col.weight": ("bobot AHP", "AHP weight"),
    "rubric.ahp.col.rubric": ("bobot rubrik", "rubric weight"),
    "rubric.ahp.kind.groups": ("kelompok", "groups"),
    "rubric.ahp.kind.criteria": ("kriteria", "criteria"),
    # Settings, methods and contest codes in words, worded as the reports word them.
}


def t(key: str, lang: Lang = "id", **params: object) -> str:
    """Translate a label key, filling ``{params}``.

    >>> t("reconciliation", "en", read=3, scored=2, aside=1)
    '3 rows read = 2 scored + 1 set aside'
    """
    indonesian, english = LABELS[key]
    text = english if lang == "en" else indonesian
    return _plurals(text, params).format(**params) if params else text


#: ``{count|village|villages}`` in a label: the singular when ``count`` is 1, else the plural.
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _plurals(text: str, params: dict[str, object]) -> str:
    """Choose each ``{name|singular|plural}`` of ``text`` by the number ``params[name]``
    (English needs it; Indonesian nouns do not change with the number).

    >>> t("rank.issues.summary", "en", errors=0, warnings=1, infos=2)
    'Ranking issues: 0 errors, 1 warning, 2 notes'
    >>> t("forms.check.problems", "en", path="a.yaml", count=1)
    'a.yaml: 1 problem'
    """

    def pick(match: re.Match[str]) -> str:
        number = str(params.get(match.group(1), "")).strip()
        return match.group(2) if number == "1" else match.group(3)

    return _PLURAL.sub(pick, text)


def fmt_int(value: int | None, lang: Lang = "id") -> str:
    """A whole number with thousands separators.

    >>> fmt_int(3011), fmt_int(3011, "en"), fmt_int(None)
    ('3.011', '3,011', '–')
    """
    if value is None:
        return "–"
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "id" else text


def fmt_decimal(
    value: float | None, lang: Lang = "id", digits: int = 1, *, trim: bool = False
) -> str:
    """A decimal number as people of ``lang`` write it: ``1.234,5`` in Indonesian (decimal
    comma, thousands dot), ``1,234.5`` in English. ``trim`` drops trailing zeros; a missing
    value (``None``, NaN) is ``–``.

    >>> fmt_decimal(1234.5), fmt_decimal(1234.5, "en"), fmt_decimal(None)
    ('1.234,5', '1,234.5', '–')
    >>> fmt_decimal(71.6578, digits=2, trim=True), fmt_decimal(65.0, digits=2, trim=True)
    ('71,66', '65')
    """
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:,.{digits}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]  # -0,00 is 0,00
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_percent(value: float | None, lang: Lang = "id", digits: int = 1) -> str:
    """A percentage (0–100) for people: ``41,3 %`` in Indonesian, ``41.3%`` in English.

    >>> fmt_percent(41.2688), fmt_percent(41.2688, "en"), fmt_percent(None)
    ('41,3 %', '41.3%', '–')
    """
    if value is None or math.isnan(value):
        return "–"
    text = fmt_decimal(value, lang, digits)
    return f"{text} %" if lang == "id" else f"{text}%"


#: Click's own words (its gettext messages, exactly as click writes them) in Indonesian;
#: English is click's text itself. Read by :mod:`phbs.cli.language` while the command line
#: runs. Older click versions' wordings are kept too. ``{name}`` of a path check (``File``,
#: ``Directory``) is left out: click fills it in English when the program loads.
CLICK_TEXTS: dict[str, str] = {
    "Usage:": "Pemakaian:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Error: {message}": "Galat: {message}",
    "Aborted!": "Dibatalkan!",
    "No such option {name!r}.": "Opsi {name!r} tidak ada.",
    "No such option: {name}": "Opsi {name} tidak ada.",
    "No such command {name!r}.": "Perintah {name!r} tidak ada.",
    "No such command '{name}'.": "Perintah '{name}' tidak ada.",
    "Did you mean {possibility}?": "Mungkin maksudnya {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mungkin maksudnya salah satu dari: "
    "{possibilities}?)",
    "Missing command.": "Perintah belum disebut.",
    "Got unexpected extra argument ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Missing argument": "Kurang argumen",
    "Missing option": "Kurang opsi",
    "Missing parameter": "Kurang parameter",
    "Missing {param_type}": "Kurang {param_type}",
    "Missing parameter: {param_name}": "Kurang parameter: {param_name}",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "Takes {nargs} values but 1 was given.": "Memerlukan {nargs} nilai, diberikan 1.",
    "Takes {nargs} values but {len} were given.": "Memerlukan {nargs} nilai, diberikan {len}.",
    "{len_type} values are required, but {len_value} was given.": "Perlu {len_type} nilai, "
    "diberikan {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "Perlu {len_type} nilai, "
    "diberikan {len_value}.",
    "Value must be an iterable.": "Nilai harus berupa daftar.",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} bukan nilai "
    "ya/tidak yang sah. Nilai yang dikenal: {states}",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "{value!r} does not match the format {format}.": "{value!r} tidak sesuai format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} tidak sesuai format mana pun: "
    "{formats}.",
    "{name} {filename!r} does not exist.": "{filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{filename!r} tidak dapat dijalankan.",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: "
    "{message}",
    "unknown error": "galat tidak dikenal",
    "Windows error: {error}": "Galat Windows: {error}",
    "env var: {var}": "variabel lingkungan: {var}",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    "(DEPRECATED)": "(USANG)",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "Peringatan: "
    "perintah {name!r} sudah usang.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "Peringatan: "
    "{param_type} {name!r} sudah usang.{extra_message}",
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "Galat: kedua nilai yang dimasukkan tidak sama.",
    "Error: invalid input": "Galat: masukan tidak sah",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan...",
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tanpa ditanya.",
}

#: Words click fills into its messages: a parameter's kind and a number's type.
CLICK_WORDS: dict[str, tuple[str, str]] = {
    "option": ("opsi", "option"),
    "argument": ("argumen", "argument"),
    "parameter": ("parameter", "parameter"),
    "integer": ("bilangan bulat", "integer"),
    "integer range": ("bilangan bulat", "integer"),
    "float": ("angka", "number"),
    "float range": ("angka", "number"),
}

#: The placeholders of option values in help and usage lines (``--survey BERKAS``), in
#: Indonesian as the code writes them, with their English.
METAVARS: dict[str, str] = {
    "[OPSI]": "[OPTIONS]",
    "PERINTAH [ARG]...": "COMMAND [ARGS]...",
    "BERKAS": "FILE",
    "BERKAS...": "FILES...",
    "[SURVEI]...": "[SURVEY]...",
    "FOLDER": "FOLDER",
    "NAMA|BERKAS": "NAME|FILE",
    "[BERKAS=]PETA.yaml": "[FILE=]MAP.yaml",
    "[BERKAS=]KODE": "[FILE=]CODE",
    "PETA.yaml": "MAP.yaml",
    "NAMA=NILAI": "NAME=VALUE",
    "LABEL=BERKAS": "LABEL=FILE",
    "LABEL=FORMULIR": "LABEL=FORM",
    "LABEL": "LABEL",
    "KODE": "CODE",
    "PP.KK": "PP.KK",
    "JUDUL": "TITLE",
    "LEMBAR": "SHEET",
    "PERSEN": "PERCENT",
    "ANGKA": "NUMBER",
    "JUMLAH": "COUNT",
    "N": "N",
    "MATRIKS": "MATRIX",
    "BERKAS.html": "FILE.html",
    "TEMPAT": "PLACE",
    "TANGGAL": "DATE",
    "NAMA": "NAME",
    "ALAMAT": "ADDRESS",
    "WILAYAH": "AREA",
    "TAHUN": "YEAR",
    "RUBRIK": "RUBRIC",
    "ID": "ID",
    "VERSI": "VERSION",
}
