import type { Lang } from '../../../../platform/i18n/i18n.js';

const text = {
  id: {
    title: 'Statistik penduduk', publicTitle: 'Data penduduk', male: 'Laki-laki', female: 'Perempuan', m: 'L', f: 'P',
    total: 'Jumlah', percent: '%', residents: 'Jumlah penduduk', families: 'Keluarga (KK)',
    householdsTitle: 'Rumah tangga', households: 'Rumah tangga', surveyed: 'Sudah didata rumahnya', dirtFloor: 'Lantai tanah', noElectricity: 'Tanpa listrik', noSanitation: 'Tanpa jamban', unsafeWater: 'Air minum tidak layak',
    householdsNote: 'Seluruh desa, hari ini, dari data rumah tangga (persen dari rumah yang sudah didata).', householdsLink: 'Buka data rumah tangga', label: 'Kategori', code: 'Kode',
    notFilled: 'BELUM MENGISI', otherCategories: 'Kategori lain', noData: 'Belum ada data.',
    area: 'Wilayah', allAreas: 'Seluruh desa', asOf: 'Umur dihitung per tanggal', show: 'Tampilkan',
    excel: 'Unduh Excel (.xlsx)', contents: 'Daftar isi', allSections: 'Semua bagian', pyramid: 'Piramida penduduk', ageGroup: 'Kelompok umur', age: 'Umur',
    years: 'tahun', noBirthDate: 'penduduk tanpa tanggal lahir tidak masuk piramida.',
    scopeNote: 'Yang dihitung: penduduk yang hidup dan tercatat di desa ini, termasuk yang pergi sementara (sama dengan laporan bulanan dan dasbor Pantau).',
    smallCellsNote: '< 5 berarti 1 sampai 4 orang; – berarti disamarkan agar angka kecil tidak dapat dihitung dari jumlahnya. Data kesehatan dan disabilitas termasuk data pribadi yang bersifat spesifik (UU 27/2022), jadi angka kecilnya disamarkan bagi petugas di atas desa; perangkat desa melihat angka lengkap.',
    ageRule: 'Umur = tahun {year} dikurangi tahun lahir (umur yang dicapai pada tahun itu), sama seperti piramida di dasbor kecamatan, kabupaten dan provinsi.',
    publicNote: 'Angka ini dihitung langsung dari data penduduk desa yang masih hidup. Tidak ada data pribadi yang ditampilkan.',
    dataAsOf: 'Data per', summary: 'Ringkasan', village: 'Desa', district: 'Kecamatan', regency: 'Kabupaten/Kota', province: 'Provinsi',
    andMore: 'dan {n} kategori lain', chartOf: 'Grafik {title}', pyramidSummary: 'Piramida penduduk: {m} laki-laki dan {f} perempuan menurut kelompok umur.',
    sheetSummary: 'Ringkasan', sheetAge: 'Kelompok umur', sheetNote: 'Penduduk hidup yang tercatat, termasuk yang pergi sementara; umur = tahun dikurangi tahun lahir; tanpa data pribadi.',
    // breakdowns
    sex: 'Jenis kelamin', religion: 'Agama', education_kk: 'Pendidikan dalam KK', education_current: 'Pendidikan sedang ditempuh',
    occupation: 'Pekerjaan', marital_status: 'Status perkawinan', family_relation: 'Hubungan dalam keluarga',
    citizenship: 'Kewarganegaraan', blood_type: 'Golongan darah', disability: 'Disabilitas (cacat)', chronic_illness: 'Sakit menahun',
    insurance_type: 'Asuransi kesehatan', ektp: 'KTP elektronik', ektp_recording: 'Status rekam e-KTP',
    dusun: 'Dusun', rw: 'RW', rt: 'RT',
  },
  en: {
    title: 'Population statistics', publicTitle: 'Population data', male: 'Male', female: 'Female', m: 'M', f: 'F',
    total: 'Total', percent: '%', residents: 'Residents', families: 'Families (KK)',
    householdsTitle: 'Households', households: 'Households', surveyed: 'Housing surveyed', dirtFloor: 'Earth floor', noElectricity: 'No electricity', noSanitation: 'No toilet', unsafeWater: 'Unsafe drinking water',
    householdsNote: 'Whole village, today, from the household register (percent of the surveyed houses).', householdsLink: 'Open the households', label: 'Category', code: 'Code',
    notFilled: 'BELUM MENGISI', otherCategories: 'Other categories', noData: 'No data yet.',
    area: 'Area', allAreas: 'Whole village', asOf: 'Ages as of', show: 'Show',
    excel: 'Download Excel (.xlsx)', contents: 'Contents', allSections: 'All sections', pyramid: 'Population pyramid', ageGroup: 'Age group', age: 'Age',
    years: 'years', noBirthDate: 'residents without a birth date are not in the pyramid.',
    scopeNote: 'Counted: the living registered in this village, including those temporarily away (as in the monthly report and the Pantau dashboards).',
    smallCellsNote: '< 5 means 1 to 4 people; – means hidden so that a small count cannot be worked out from the totals. Health and disability are special categories of personal data (UU 27/2022), so their small counts are hidden from officers above the village; village officers see exact counts.',
    ageRule: 'Age = {year} minus the birth year (the age reached that year), as in the pyramids of the district, regency and province dashboards.',
    publicNote: 'These figures are counted directly from the living residents of the village. No personal data is shown.',
    dataAsOf: 'Data as of', summary: 'Summary', village: 'Village', district: 'District', regency: 'Regency/City', province: 'Province',
    andMore: 'and {n} more categories', chartOf: 'Chart of {title}', pyramidSummary: 'Population pyramid: {m} male and {f} female residents by age group.',
    sheetSummary: 'Summary', sheetAge: 'Age groups', sheetNote: 'Living registered residents, including those temporarily away; age = year minus birth year; no personal data.',
    sex: 'Sex', religion: 'Religion', education_kk: 'Education (family card)', education_current: 'Education in progress',
    occupation: 'Occupation', marital_status: 'Marital status', family_relation: 'Relation to family head',
    citizenship: 'Citizenship', blood_type: 'Blood type', disability: 'Disability', chronic_illness: 'Chronic illness',
    insurance_type: 'Health insurance', ektp: 'Electronic ID card', ektp_recording: 'e-KTP recording',
    dusun: 'Dusun', rw: 'RW', rt: 'RT',
  },
} satisfies Record<Lang, Record<string, string>>;

export type StatisticsWords = (typeof text)['id'];
export const words = (lang: Lang): StatisticsWords => text[lang];

/** "12,5%" / "12.5%": one decimal, the language's separator. */
export { formatPercent } from '../../../../platform/format/format.js';

export const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
