import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/schema.js';
import { allocateIds, analyzePopulation, bulkInsertPopulation, type NewFamily, type NewResident } from './bulk-insert.js';

/**
 * Plausible, entirely made-up residents for demos, tests and benchmarks. Deterministic:
 * the same seed, village, size and date always give the same people, so a benchmark or a
 * bug report can be reproduced. The mix follows Lampung: mostly Javanese (transmigrants
 * and their children), then Lampung, Sundanese and Malay families, a few Balinese, Batak
 * and Chinese-Indonesian ones; a young population with a broad base.
 */

// ---------------------------------------------------------------------------------------
// Random numbers

/** mulberry32: a tiny 32-bit PRNG, plenty for made-up people and identical on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with labels (village code, purpose) into a new 32-bit seed (FNV-1a, then a final avalanche). */
export function deriveSeed(seed: number, ...labels: string[]): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  h = Math.imul(h, 0x01000193) >>> 0;
  h = (h ^ Math.floor(seed / 4294967296)) >>> 0;
  for (const label of labels) {
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0xff, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const chance = (rng: Rng, p: number) => rng() < p;
const oneOf = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** A weighted choice, with the cumulative weights worked out once. */
function weighted<T>(pairs: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const values = pairs.map((p) => p[0]);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of pairs) cumulative.push((total += w));
  return (rng) => {
    const x = rng() * total;
    let i = 0;
    while (cumulative[i]! <= x) i++;
    return values[i]!;
  };
}

// ---------------------------------------------------------------------------------------
// Names (plain lists written for this generator; title case here, upper case on the record as on a KK)

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

type Ethnicity = 'Jawa' | 'Lampung' | 'Sunda' | 'Melayu' | 'Bali' | 'Batak' | 'Tionghoa';
type Era = 'old' | 'mid' | 'new';
interface NamePool {
  male: string[];
  female: string[];
  /** Second names, by sex; `second` is how often one is added. */
  male2: string[];
  female2: string[];
  second: number;
}

const MODERN_MUSLIM: NamePool = {
  male: list('Muhammad, Ahmad, Rizky, Fajar, Dimas, Bayu, Aditya, Andika, Reza, Arif, Yoga, Ilham, Fikri, Hafiz, Rafi, Alif, Daffa, Raffi, Gilang, Farhan, Galih, Rendi, Dani, Zaki, Azka, Haikal, Arka, Rayhan, Fathan, Naufal, Wildan, Satria, Bagas, Rangga, Iqbal, Akbar, Faris, Hanif, Fadil, Rasya'),
  female: list('Putri, Aulia, Nabila, Salsabila, Anisa, Dewi, Ayu, Intan, Rahma, Nurul, Fitri, Zahra, Nayla, Aisyah, Keysha, Alya, Citra, Dinda, Indah, Kartika, Aqila, Naura, Khansa, Syifa, Adinda, Amelia, Bunga, Cahaya, Fadhila, Hana, Jihan, Kirana, Laila, Mutiara, Nadia, Rara, Sekar, Tiara, Wulan, Yasmin'),
  male2: list('Putra, Pratama, Saputra, Ramadhan, Firmansyah, Hidayat, Nugroho, Kurniawan, Wijaya, Maulana, Akbar, Fauzan, Alfarizi, Prasetyo, Setiawan, Syahputra, Permana, Aditya, Hakim, Rizki, Al Fatih, Ardiansyah'),
  female2: list('Putri, Lestari, Maharani, Novita, Oktaviani, Ramadhani, Safitri, Wulandari, Rahmawati, Anggraini, Permatasari, Azzahra, Aprilia, Fitriani, Pratiwi, Rahayu, Septiani, Kurniasari, Amalia, Khairunnisa, Saputri, Nur Aini'),
  second: 0.9,
};

const NAMES: Record<'Jawa' | 'Lampung' | 'Sunda' | 'Melayu', Record<Era, NamePool>> = {
  Jawa: {
    old: {
      male: list('Sutrisno, Suparman, Sugiyanto, Slamet, Paimin, Sukardi, Mulyono, Supriyadi, Wagiman, Sumarno, Darsono, Karyono, Tukiman, Sarwono, Suyatno, Warsito, Sukirno, Ngadiman, Sutarjo, Kasimin, Parman, Rakimin, Samsudin, Sugeng, Sunarto, Triyono, Giyanto, Sarijo, Marsono, Jumadi, Poniran, Wardoyo, Tugiyo, Sudarmaji, Suroso, Panut, Tarno, Jumari, Legimin, Katno'),
      female: list('Sumiati, Suwarni, Tumini, Painem, Sukinah, Ngatinah, Suparmi, Wartini, Sutini, Rukmini, Sumarni, Kasiyem, Warsini, Sulastri, Ngadinem, Tukinem, Jumiyem, Saminem, Mujiyem, Partini, Suyati, Sarmi, Wagiyem, Karsih, Parinem, Sukarti, Suwarti, Kasmini, Tuginah, Siti Aminah, Sri Rejeki, Siti Khotimah, Sri Sumarni'),
      male2: list('Hadi, Wiyono, Sumarto, Prayitno, Suwito'),
      female2: list('Wahyuni, Rahayu, Lestari'),
      second: 0.1,
    },
    mid: {
      male: list('Agus, Budi, Eko, Joko, Heru, Bambang, Teguh, Wahyu, Dwi, Tri, Hadi, Andi, Yudi, Dedi, Rudi, Edi, Anton, Hari, Imam, Arif, Sigit, Bayu, Puji, Nanang, Didik, Wawan, Supri, Gunawan, Slamet, Suryo'),
      female: list('Sri, Siti, Endang, Rini, Yuli, Tri, Dwi, Eka, Wahyu, Nur, Puji, Umi, Lilik, Ani, Ninik, Yanti, Sumiyati, Suprapti, Yuliana, Winarti'),
      male2: list('Santoso, Setiawan, Widodo, Purnomo, Haryanto, Susanto, Prasetyo, Nugroho, Wibowo, Saputro, Kurniawan, Hartono, Sulistyo, Riyanto, Prabowo, Suryanto, Cahyono, Handoko, Supriyanto, Wahyudi'),
      female2: list('Wahyuni, Lestari, Rahayu, Handayani, Purwanti, Suryani, Mulyani, Astuti, Utami, Susanti, Wulandari, Setyowati, Kusumawati, Hartini, Sulistyowati, Rahmawati, Wijayanti, Ningsih, Pujiastuti, Indriyani'),
      second: 0.65,
    },
    new: MODERN_MUSLIM,
  },
  Lampung: {
    old: {
      male: list('Herman, Zulkifli, Hasan, Ismail, Yusuf, Rusli, Effendi, Syahril, Marzuki, Husin, Arsyad, Bahtiar, Hamdani, Syaiful, Azwar, Iskandar, Zainuddin, Sulaiman, Ansori, Rustam, Khairuddin, Mansyur, Nasrun, Yahya, Hasyim, Burhan'),
      female: list('Rosmiati, Zubaidah, Nurhasanah, Hasanah, Rohaya, Asnah, Nurlela, Maimunah, Rosidah, Halimah, Rohana, Zaitun, Yusnani, Rosita, Aminah, Salmah, Rukiah, Khadijah, Nurbaiti, Hayati'),
      male2: list('Hasan, Yunus, Ibrahim, Saleh, Umar, Hamzah, Rasyid'),
      female2: list('Hanum, Wati, Yani'),
      second: 0.25,
    },
    mid: {
      male: list('Rizal, Hendri, Firdaus, Hermansyah, Rahman, Syamsul, Irwan, Erwin, Yusri, Fahrul, Suhendra, Ridho, Rosyid, Heri, Novi, Apriadi, Darmawan, Indra, Rudi, Zulham'),
      female: list('Erlina, Fitriyani, Herlina, Yuliana, Marlina, Juwita, Susilawati, Yeni, Rita, Leni, Novita, Elis, Mardiana, Desi, Wati, Nurmala, Rosdiana, Emilia, Yulianti, Sri'),
      male2: list('Syah, Effendi, Alamsyah, Hakim, Saputra, Iskandar, Hidayat, Irawan, Gunawan, Kesuma, Pratama'),
      female2: list('Sari, Wati, Yanti, Hasanah, Rosalina, Fitri, Handayani, Lestari'),
      second: 0.55,
    },
    new: MODERN_MUSLIM,
  },
  Sunda: {
    old: {
      male: list('Asep, Ujang, Dede, Cecep, Encep, Dadang, Deden, Acep, Yayat, Aep, Jajang, Ruhiyat, Kusnadi, Dadan, Engkos, Odih, Maman, Ucup, Didin, Enjang, Uju, Oman, Entis, Nanang'),
      female: list('Euis, Neneng, Enok, Imas, Iis, Cucu, Titin, Yati, Eti, Nining, Lilis, Tati, Popon, Ai, Nenden, Nunung, Entin, Enung, Dedeh, Ela, Oom, Cicih, Teti, Icih'),
      male2: list('Supriatna, Sunarya, Hidayat, Permana, Saepudin, Mulyana, Kurnia, Sopandi, Setiadi, Suherman, Rohman, Sobari, Ruhimat, Sudrajat'),
      female2: list('Rohaeti, Komalasari, Kurniasih, Sumiati, Nurhayati, Sukaesih, Rosmiati, Nurjanah, Sulastri, Mulyani, Rohayati'),
      second: 0.45,
    },
    mid: {
      male: list('Asep, Dede, Iwan, Ade, Wawan, Yana, Hendra, Dadan, Deni, Ridwan, Yudi, Agus, Rahmat, Cecep, Endang, Heri, Dedi, Ujang'),
      female: list('Neneng, Yeni, Lilis, Rina, Euis, Nia, Wiwin, Yuyun, Ai, Lina, Ika, Imas, Rini, Eneng, Dewi, Siti'),
      male2: list('Supriatna, Hidayat, Permana, Saepudin, Mulyana, Kurniawan, Setiawan, Gunawan, Rusmana, Suryadi, Sutisna, Ramdani'),
      female2: list('Rohaeti, Komalasari, Kurniasih, Nurhayati, Rahmawati, Sukaesih, Sari, Marlina, Yuliani, Setiawati'),
      second: 0.7,
    },
    new: MODERN_MUSLIM,
  },
  Melayu: {
    old: {
      male: list('Abdul, Zainal, Syamsul, Azhar, Khairul, Amran, Rasyid, Darwis, Mukhtar, Usman, Hamid, Kadir, Jamal, Nasir, Hasbi, Anwar, Syafei, Baharuddin, Aziz, Harun'),
      female: list('Nurhayati, Rosmala, Zainab, Fatimah, Khadijah, Rahmah, Nuraini, Salamah, Maryam, Aisyah, Nurjannah, Rosnah, Hafsah, Yusnidar, Jamilah, Rabiah'),
      male2: list('Abidin, Arifin, Bahri, Anwar, Hamid, Karim, Rahman, Latif, Hasan, Majid'),
      female2: list('Wati, Hanum, Yani'),
      second: 0.45,
    },
    mid: {
      male: list('Zulfikar, Fadli, Ridwan, Syahrul, Khairul, Amirul, Azwar, Hendra, Irfan, Rizal, Syahrial, Fauzi, Mahmud, Yusuf, Rahmat, Jefri'),
      female: list('Nuraini, Yusnidar, Rosmalia, Fitriani, Zuraida, Nurmala, Yuliana, Erni, Hasnah, Sumarni, Dahlia, Rosna, Elvi, Nurlaila'),
      male2: list('Syahputra, Effendi, Hamzah, Arifin, Hasibuan, Abdullah, Rahman, Ramadhan, Saputra'),
      female2: list('Sari, Wati, Hayati, Yani, Fitri, Rahmah'),
      second: 0.55,
    },
    new: MODERN_MUSLIM,
  },
};

const BALI = {
  order: { male: [['Wayan', 'Putu', 'Gede'], ['Made', 'Kadek'], ['Nyoman', 'Komang'], ['Ketut']], female: [['Wayan', 'Putu', 'Luh'], ['Made', 'Kadek'], ['Nyoman', 'Komang'], ['Ketut']] },
  male: list('Sudarma, Suarta, Artawan, Wiryawan, Suastika, Sukadana, Mertayasa, Adnyana, Sudiarta, Widana, Suarjana, Parwata, Darmawan, Astawa, Wirawan, Sumerta, Budiarsa, Pariasa, Arya Wiguna, Dharma Putra'),
  female: list('Sukerti, Ariani, Suwitri, Astiti, Sumiarti, Puspawati, Wiratni, Sriasih, Sudarmi, Yuliantari, Widiastuti, Suryani, Ratnadi, Ayu Lestari, Sri Wahyuni, Dewi Anggreni'),
};
const BATAK = {
  male: list('Jhonson, Robert, Daniel, Samuel, Hotman, Togar, Parlindungan, Bonar, Binsar, Tigor, Rudolf, Marihot, Sahat, Maruli, Poltak, Jonathan, Hendrik, Martin'),
  female: list('Maria, Rosmaida, Debora, Lenny, Tiurma, Rosdiana, Hotnida, Lasma, Rosmawati, Nurmaida, Sarma, Rotua, Erna, Dame'),
  maleNew: list('Christian, Kevin, Yosua, Immanuel, Samuel, Daniel, Jonathan, Gabriel, Ferdinand, Andreas'),
  femaleNew: list('Grace, Cindy, Angel, Christina, Febiola, Yohana, Natalia, Maria, Theresia, Agnes'),
  clan: list('Siregar, Simanjuntak, Sihombing, Nainggolan, Sitorus, Panjaitan, Hutapea, Manurung, Simatupang, Situmorang, Sinaga, Pardede, Hutagalung, Silalahi, Tampubolon'),
};
const CHINESE = {
  male: list('Hendra, Suryadi, Budiman, Gunawan, Tjahjadi, Sugianto, Hartono, Rudy, Andi, Willy, Johan, Ferry, Ricky, Edy, Hengky'),
  female: list('Lina, Susanti, Meilani, Lili, Mei Ling, Yenny, Fenny, Lanny, Vivian, Megawati, Lenny, Sherly'),
  maleNew: list('Kevin, Jason, Vincent, Steven, Felix, Michael, Jonathan, Ryan, Calvin, Darren'),
  femaleNew: list('Jessica, Cindy, Angelina, Michelle, Stephanie, Felicia, Natasha, Clarissa, Jennifer, Vanessa'),
  family: list('Wijaya, Tanoto, Halim, Gunawan, Salim, Tanuwijaya, Santoso, Hartanto, Kusuma, Setiawan, Lim, Tan, Liem, Sutanto'),
};

/** Lampung's mix, roughly as the 2010 census counted it (others folded into the nearest group). */
const pickEthnicity = weighted<Ethnicity>([['Jawa', 62], ['Lampung', 14], ['Sunda', 10], ['Melayu', 5], ['Bali', 1.1], ['Batak', 1], ['Tionghoa', 0.8]]);
/** Couples mostly marry within their group; across groups, within the same religion. */
const MUSLIM_GROUPS: Ethnicity[] = ['Jawa', 'Lampung', 'Sunda', 'Melayu'];

// religion codes: 1 Islam, 2 Kristen, 3 Katholik, 4 Hindu, 5 Budha, 6 Khonghucu
const RELIGION: Record<Ethnicity, (rng: Rng) => number> = {
  Jawa: weighted([[1, 97.5], [2, 1], [3, 1], [4, 0.3], [5, 0.2]]),
  Lampung: weighted([[1, 99.6], [2, 0.2], [3, 0.2]]),
  Sunda: weighted([[1, 99.3], [2, 0.4], [3, 0.3]]),
  Melayu: weighted([[1, 99.6], [2, 0.4]]),
  Bali: weighted([[4, 96], [1, 2], [2, 1], [3, 1]]),
  Batak: weighted([[2, 70], [3, 20], [1, 10]]),
  Tionghoa: weighted([[5, 45], [2, 25], [3, 15], [6, 10], [1, 5]]),
};

const ORIGIN_PLACES: Record<Ethnicity, string[]> = {
  Jawa: list('Klaten, Wonogiri, Kebumen, Banyumas, Ponorogo, Sragen, Boyolali, Kediri, Blitar, Madiun, Pati, Purworejo, Gunung Kidul, Sleman, Magelang, Cilacap'),
  Sunda: list('Garut, Tasikmalaya, Ciamis, Sumedang, Kuningan, Cianjur, Serang, Pandeglang'),
  Bali: list('Karangasem, Buleleng, Tabanan, Gianyar, Klungkung, Bangli'),
  Batak: list('Tapanuli Utara, Toba, Medan, Pematang Siantar, Samosir'),
  Melayu: list('Palembang, Bengkulu, Ogan Komering Ilir, Muara Enim, Baturaja'),
  Tionghoa: list('Jakarta, Palembang, Medan, Bandar Lampung'),
  Lampung: list('Kota Agung, Liwa, Menggala, Kalianda, Kotabumi, Metro, Gunung Sugih, Blambangan Umpu, Krui, Sukadana, Tanjung Karang, Teluk Betung'),
};
const LAMPUNG_PLACES = ORIGIN_PLACES.Lampung;

const DUSUN_NAMES = list('Sukamaju, Sidomulyo, Karang Anyar, Tanjung Rejo, Sukarame, Sumber Agung, Banjar Sari, Sidorejo, Margo Rejo, Sinar Harapan, Suka Jaya, Sri Rejeki, Tanjung Sari, Way Harong, Way Ratai, Talang Baru, Pekon Ampai, Kampung Baru, Bumi Ayu, Mekar Sari, Suka Damai, Gunung Sari, Karang Rejo, Tegal Rejo, Purwodadi, Sumber Rejo, Wonosari, Pasir Sakti, Umbul Limus, Cipadang, Lebak Sari, Sinar Jaya, Tri Tunggal, Krajan, Talang Mulya, Negeri Sakti');
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

function eraOf(year: number): Era {
  return year < 1970 ? 'old' : year < 1993 ? 'mid' : 'new';
}

interface NameContext {
  ethnicity: Ethnicity;
  sex: 1 | 2;
  year: number;
  /** Batak clan or Chinese-Indonesian family name, passed from father to child. */
  familyName?: string;
  /** Balinese birth order (1 = first child). */
  birthOrder?: number;
  /** The father's first name, which some parents give a child as a last name. */
  fatherFirst?: string;
}

function personName(rng: Rng, c: NameContext): string {
  const male = c.sex === 1;
  const modern = c.year >= 1993;
  switch (c.ethnicity) {
    case 'Bali': {
      const order = BALI.order[male ? 'male' : 'female'][Math.min(Math.max((c.birthOrder ?? int(rng, 1, 4)) - 1, 0) % 4, 3)]!;
      return `${male ? 'I' : 'Ni'} ${oneOf(rng, order)} ${oneOf(rng, male ? BALI.male : BALI.female)}`;
    }
    case 'Batak':
      return `${oneOf(rng, modern ? (male ? BATAK.maleNew : BATAK.femaleNew) : male ? BATAK.male : BATAK.female)} ${c.familyName ?? oneOf(rng, BATAK.clan)}`;
    case 'Tionghoa':
      return `${oneOf(rng, modern ? (male ? CHINESE.maleNew : CHINESE.femaleNew) : male ? CHINESE.male : CHINESE.female)} ${c.familyName ?? oneOf(rng, CHINESE.family)}`;
    default: {
      const pool = NAMES[c.ethnicity][eraOf(c.year)];
      let name = oneOf(rng, male ? pool.male : pool.female);
      if (chance(rng, pool.second)) {
        const second = oneOf(rng, male ? pool.male2 : pool.female2);
        if (second !== name) name += ` ${second}`;
      }
      // Younger parents increasingly give a third name, or the father's name as the last.
      if (modern && c.fatherFirst && chance(rng, 0.15)) name += ` ${c.fatherFirst}`;
      else if (modern && chance(rng, 0.25)) {
        const third = oneOf(rng, male ? pool.male2 : pool.female2);
        if (!name.includes(third)) name += ` ${third}`;
      }
      return name;
    }
  }
}

const familyNameOf = (ethnicity: Ethnicity, name: string) =>
  ethnicity === 'Batak' || ethnicity === 'Tionghoa' ? name.slice(name.lastIndexOf(' ') + 1) : undefined;

// ---------------------------------------------------------------------------------------
// Dates: whole days since 1970-01-01 (UTC), so no time zone can move a birthday.

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;
const toDay = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** Year, month and day of every day from 1880 to 2119, worked out once: Date objects per person cost more than the rest of the generator. */
const CAL_FROM = toDay('1880-01-01');
const CAL_DAYS = toDay('2120-01-01') - CAL_FROM;
let calendar: { y: Uint16Array; m: Uint8Array; d: Uint8Array } | undefined;
function civil(day: number): [number, number, number] {
  const i = day - CAL_FROM;
  if (i < 0 || i >= CAL_DAYS) {
    const dt = new Date(day * DAY_MS);
    return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
  }
  if (!calendar) {
    calendar = { y: new Uint16Array(CAL_DAYS), m: new Uint8Array(CAL_DAYS), d: new Uint8Array(CAL_DAYS) };
    const dt = new Date(CAL_FROM * DAY_MS);
    for (let k = 0; k < CAL_DAYS; k++, dt.setUTCDate(dt.getUTCDate() + 1)) {
      calendar.y[k] = dt.getUTCFullYear();
      calendar.m[k] = dt.getUTCMonth() + 1;
      calendar.d[k] = dt.getUTCDate();
    }
  }
  return [calendar.y[i]!, calendar.m[i]!, calendar.d[i]!];
}
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
function isoOf(day: number): string {
  const [y, m, d] = civil(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}
const yearOf = (day: number) => civil(day)[0];
/** Completed years at `on`. */
function ageAt(birth: number, on: number): number {
  const [by, bm, bd] = civil(birth);
  const [oy, om, od] = civil(on);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

// ---------------------------------------------------------------------------------------
// Families

const REL = { head: 1, husband: 2, wife: 3, child: 4, childInLaw: 5, grandchild: 6, parent: 7, parentInLaw: 8, relative: 9 } as const;
const MARITAL = { single: 1, married: 2, divorced: 3, widowed: 4 } as const;

interface Person {
  sex: 1 | 2;
  birth: number;
  relation: number;
  marital: number;
  ethnicity: Ethnicity;
  religion: number;
  name: string;
  marriageDay?: number;
  /** A mother's first birth, kept even when that child has left home: dates her marriage. */
  firstBirth?: number;
  father?: Person;
  mother?: Person;
  fatherName?: string;
  motherName?: string;
  nik?: string;
}

/** Age of the wife (or of a lone head) in a family, in years: weights by band shape the pyramid. */
const WIFE_AGE = weighted<[number, number]>([
  [[20, 24], 8], [[25, 29], 12], [[30, 34], 14], [[35, 39], 14], [[40, 44], 13], [[45, 49], 11],
  [[50, 54], 9], [[55, 59], 6.5], [[60, 64], 4], [[65, 69], 2.5], [[70, 76], 1.5],
]);
const HUSBAND_GAP = weighted<number>([[-2, 2], [-1, 3], [0, 7], [1, 10], [2, 13], [3, 14], [4, 13], [5, 11], [6, 9], [7, 8], [8, 6], [10, 4]]);
/** How many children a woman has had, by her birth cohort (Lampung's fertility fell from ~5 to ~2.3). */
const BIRTHS: Record<Era, (rng: Rng) => number> = {
  old: weighted([[0, 4], [1, 6], [2, 14], [3, 20], [4, 20], [5, 15], [6, 10], [7, 7], [8, 4]]),
  mid: weighted([[0, 5], [1, 12], [2, 30], [3, 28], [4, 14], [5, 7], [6, 4]]),
  new: weighted([[0, 8], [1, 22], [2, 38], [3, 22], [4, 8], [5, 2]]),
};
const FIRST_BIRTH_AGE = weighted<number>([[18, 4], [19, 7], [20, 10], [21, 11], [22, 12], [23, 11], [24, 10], [25, 9], [26, 7], [27, 6], [28, 5], [29, 4], [30, 3], [32, 1]]);
const HOUSEHOLD = weighted<'nuclear' | 'loneParent' | 'alone' | 'withParent' | 'threeGenerations'>([
  ['nuclear', 64], ['loneParent', 8], ['alone', 6], ['withParent', 9], ['threeGenerations', 13],
]);

/** Whether a grown, unmarried child still lives with the parents. */
function staysHome(rng: Rng, age: number, sex: 1 | 2): boolean {
  const leave = age < 18 ? 0.01 : age < 23 ? (sex === 2 ? 0.3 : 0.15) : age < 27 ? (sex === 2 ? 0.6 : 0.4) : age < 31 ? 0.7 : 0.88;
  return !chance(rng, leave);
}

class FamilyBuilder {
  constructor(
    private readonly rng: Rng,
    private readonly today: number,
  ) {}

  private birthFromAge(age: number): number {
    return this.today - Math.floor((age + this.rng()) * YEAR_DAYS);
  }

  private person(sex: 1 | 2, birth: number, relation: number, marital: number, ethnicity: Ethnicity, religion: number, extra: Partial<NameContext> = {}): Person {
    const name = personName(this.rng, { ethnicity, sex, year: yearOf(birth), ...extra });
    return { sex, birth, relation, marital, ethnicity, religion, name };
  }

  /** Names of a parent who is not in the household (shown on the KK). */
  private outsideParents(p: Person) {
    const year = yearOf(p.birth) - int(this.rng, 22, 34);
    if (!p.father && !p.fatherName) p.fatherName = personName(this.rng, { ethnicity: p.ethnicity, sex: 1, year, familyName: familyNameOf(p.ethnicity, p.name) });
    if (!p.mother && !p.motherName) p.motherName = personName(this.rng, { ethnicity: p.ethnicity, sex: 2, year: year + int(this.rng, -2, 6) });
  }

  private spouseEthnicity(of: Ethnicity): Ethnicity {
    if (!MUSLIM_GROUPS.includes(of) || chance(this.rng, 0.82)) return of;
    return oneOf(this.rng, MUSLIM_GROUPS);
  }

  /**
   * The children a mother has borne that still live with her, oldest first. Mothers give
   * birth at 18–40 and fathers are at most 45, so every child is 18–45 years younger.
   */
  private children(mother: Person | null, father: Person | null, lone: Person, ethnicity: Ethnicity, religion: number): Person[] {
    const rng = this.rng;
    const parent = mother ?? lone;
    const motherBirth = mother ? mother.birth : lone.sex === 2 ? lone.birth : lone.birth + Math.floor(int(rng, 0, 5) * YEAR_DAYS);
    const births = BIRTHS[eraOf(yearOf(motherBirth))](rng);
    const kids: Person[] = [];
    let parentFirstBirth: number | undefined;
    let at = FIRST_BIRTH_AGE(rng) + rng();
    const fatherName = father?.name ?? (lone.sex === 1 ? lone.name : undefined);
    const fatherFirst = fatherName?.split(' ')[0];
    const familyName = father ? familyNameOf(father.ethnicity, father.name) : lone.sex === 1 ? familyNameOf(lone.ethnicity, lone.name) : undefined;
    for (let order = 1; order <= births && at <= 40; order++) {
      const birth = motherBirth + Math.floor(at * YEAR_DAYS);
      if (birth >= this.today) break;
      if (father && (birth - father.birth) / YEAR_DAYS > 45) break;
      if (father && (birth - father.birth) / YEAR_DAYS < 19) {
        at += 1; // a husband younger than his wife: the first child comes when he is grown
        order--;
        continue;
      }
      if (order === 1) parentFirstBirth = birth;
      const sex: 1 | 2 = chance(rng, 0.512) ? 1 : 2;
      if (staysHome(rng, ageAt(birth, this.today), sex)) {
        const child = this.person(sex, birth, REL.child, MARITAL.single, ethnicity, religion, { familyName, birthOrder: order, fatherFirst });
        child.mother = mother ?? (lone.sex === 2 ? lone : undefined);
        child.father = father ?? (lone.sex === 1 ? lone : undefined);
        kids.push(child);
      }
      at += 1.5 + rng() * 4.5;
    }
    if (mother) mother.firstBirth = parentFirstBirth;
    // A lone parent's children share the name of the parent who is gone (died, divorced).
    if (kids.length && !kids[0]!.mother) {
      const motherName = personName(rng, { ethnicity, sex: 2, year: yearOf(motherBirth) });
      for (const k of kids) k.motherName = motherName;
    }
    if (kids.length && !kids[0]!.father) {
      const absentFather = personName(rng, { ethnicity, sex: 1, year: yearOf(parent.birth) - 3, familyName });
      for (const k of kids) k.fatherName = absentFather;
    }
    return kids;
  }

  private marriageDay(wife: Person): number {
    const day = wife.firstBirth !== undefined
      ? wife.firstBirth - int(this.rng, 240, 900)
      : wife.birth + Math.floor((int(this.rng, 18, 26) + this.rng()) * YEAR_DAYS);
    return Math.min(day, this.today - int(this.rng, 30, 400));
  }

  /** A married couple, the husband as head; the wife's age drawn by the caller. */
  private couple(wifeAge: number, ethnicity: Ethnicity, religion: number): [Person, Person] {
    const wifeBirth = this.birthFromAge(wifeAge);
    const husbandBirth = wifeBirth - Math.floor((HUSBAND_GAP(this.rng) + this.rng() - 0.5) * YEAR_DAYS);
    const head = this.person(1, husbandBirth, REL.head, MARITAL.married, ethnicity, religion);
    const wife = this.person(2, wifeBirth, REL.wife, MARITAL.married, this.spouseEthnicity(ethnicity), religion);
    return [head, wife];
  }

  build(): Person[] {
    const rng = this.rng;
    const ethnicity = pickEthnicity(rng);
    const religion = RELIGION[ethnicity](rng);
    const kind = HOUSEHOLD(rng);
    const [lo, hi] = WIFE_AGE(rng);
    let members: Person[];

    if (kind === 'alone') {
      // Young men working away from their parents, and widowed elders.
      const elderly = chance(rng, 0.42);
      const sex: 1 | 2 = elderly ? (chance(rng, 0.4) ? 1 : 2) : chance(rng, 0.85) ? 1 : 2;
      const age = elderly ? int(rng, 60, 88) : int(rng, 20, 38);
      const marital = elderly ? (chance(rng, 0.85) ? MARITAL.widowed : MARITAL.divorced) : chance(rng, 0.85) ? MARITAL.single : MARITAL.divorced;
      members = [this.person(sex, this.birthFromAge(age), REL.head, marital, ethnicity, religion)];
    } else if (kind === 'loneParent') {
      const sex: 1 | 2 = chance(rng, 0.3) ? 1 : 2;
      const age = Math.max(lo + int(rng, 0, hi - lo), 26);
      const head = this.person(sex, this.birthFromAge(age), REL.head, chance(rng, 0.6) ? MARITAL.widowed : MARITAL.divorced, ethnicity, religion);
      members = [head, ...this.children(null, null, head, ethnicity, religion)];
    } else if (kind === 'threeGenerations') {
      members = this.threeGenerations(ethnicity, religion);
    } else {
      const [head, wife] = this.couple(lo + int(rng, 0, hi - lo), ethnicity, religion);
      const kids = this.children(wife, head, head, ethnicity, religion);
      head.marriageDay = wife.marriageDay = this.marriageDay(wife);
      members = [head, wife, ...kids];
      if (kind === 'withParent') {
        // The husband's or the wife's widowed parent, mostly a mother.
        const ofHead = chance(rng, 0.55);
        const child = ofHead ? head : wife;
        const sex: 1 | 2 = chance(rng, 0.65) ? 2 : 1;
        const birth = child.birth - Math.floor((int(rng, sex === 2 ? 19 : 22, sex === 2 ? 38 : 42) + rng()) * YEAR_DAYS);
        if (ageAt(birth, this.today) <= 95) {
          const parent = this.person(sex, birth, ofHead ? REL.parent : REL.parentInLaw, MARITAL.widowed, child.ethnicity, religion);
          if (sex === 2) child.mother = parent;
          else child.father = parent;
          members.push(parent);
        }
      }
      if (chance(rng, 0.04)) {
        // A niece or nephew staying with them, often for school.
        const sex: 1 | 2 = chance(rng, 0.65) ? 1 : 2;
        members.push(this.person(sex, this.birthFromAge(int(rng, 8, 24)), REL.relative, MARITAL.single, ethnicity, religion));
      }
    }
    for (const m of members) this.outsideParents(m);
    return members;
  }

  /** Grandparents as head, unmarried children, one married child with a spouse and grandchildren. */
  private threeGenerations(ethnicity: Ethnicity, religion: number): Person[] {
    const rng = this.rng;
    const [grandfather, grandmother] = this.couple(int(rng, 48, 75), ethnicity, religion);
    const kids = this.children(grandmother, grandfather, grandfather, ethnicity, religion);
    const married = kids.find((k) => ageAt(k.birth, this.today) >= 21);
    let members: Person[];
    // Often one grandparent has died; the widow or widower heads the family.
    if (chance(rng, 0.16)) {
      grandmother.relation = REL.head;
      grandmother.marital = MARITAL.widowed;
      members = [grandmother, ...kids];
    } else if (chance(rng, 0.12)) {
      grandfather.marital = MARITAL.widowed;
      members = [grandfather, ...kids];
    } else {
      grandfather.marriageDay = grandmother.marriageDay = this.marriageDay(grandmother);
      members = [grandfather, grandmother, ...kids];
    }
    if (!married) return members;
    // The oldest grown child stays on married, with a spouse (menantu) and their own children (cucu).
    married.marital = MARITAL.married;
    const spouseSex: 1 | 2 = married.sex === 1 ? 2 : 1;
    const spouseAge = ageAt(married.birth, this.today) + (spouseSex === 1 ? HUSBAND_GAP(rng) : -HUSBAND_GAP(rng));
    const spouse = this.person(spouseSex, this.birthFromAge(Math.max(spouseAge, 19)), REL.childInLaw, MARITAL.married, this.spouseEthnicity(married.ethnicity), religion);
    const [mother, father] = married.sex === 2 ? [married, spouse] : [spouse, married];
    const grandkids = this.children(mother, father, father, father.ethnicity, religion).filter((g) => ageAt(g.birth, this.today) < 21);
    for (const g of grandkids) g.relation = REL.grandchild;
    married.marriageDay = spouse.marriageDay = this.marriageDay(mother);
    members.push(spouse, ...grandkids);
    return members;
  }
}

// ---------------------------------------------------------------------------------------
// Attributes that follow from age, sex and schooling

// education on the KK: 1 none, 2 primary unfinished, 3 primary, 4 junior high, 5 senior high, 6 D1/D2, 7 D3, 8 D4/S1, 9 S2
const ADULT_EDUCATION: Record<'before1960' | 'before1980' | 'before1995' | 'later', (rng: Rng) => number> = {
  before1960: weighted([[1, 22], [2, 25], [3, 36], [4, 9], [5, 7], [7, 0.5], [8, 0.5]]),
  before1980: weighted([[1, 4], [2, 13], [3, 36], [4, 20], [5, 20], [6, 1.5], [7, 1.5], [8, 4]]),
  before1995: weighted([[1, 2], [2, 5], [3, 23], [4, 26], [5, 34], [6, 2], [7, 2.5], [8, 5.2], [9, 0.3]]),
  later: weighted([[1, 1], [2, 2], [3, 10], [4, 24], [5, 48], [6, 2], [7, 3], [8, 9.7], [9, 0.3]]),
};

const MEN_WORK = weighted<number>([
  [9, 34], [20, 9], [88, 11], [19, 8], [15, 9], [84, 4], [8, 2], [11, 3], [10, 2], [81, 2.5], [26, 2], [27, 1.5],
  [35, 1.2], [13, 1], [14, 1], [12, 1], [18, 1], [85, 0.6], [45, 0.4], [41, 0.3], [6, 0.4], [7, 0.4],
]);
const WOMEN_WORK = weighted<number>([
  [2, 46], [9, 16], [84, 7], [88, 8], [15, 6], [20, 6], [19, 3], [30, 1.5], [8, 1.5], [23, 1], [18, 1.5], [32, 0.5], [46, 0.5],
]);
/** Work that needs a diploma or degree, drawn instead when the person has one. */
const GRADUATE_WORK = {
  male: weighted<number>([[5, 22], [65, 16], [15, 22], [88, 14], [18, 8], [85, 6], [16, 4], [6, 2], [7, 3], [74, 1], [9, 2]]),
  female: weighted<number>([[65, 28], [5, 18], [73, 12], [74, 10], [15, 14], [88, 6], [18, 6], [2, 6]]),
};

const BLOOD = weighted<number>([[13, 38], [4, 25], [2, 17], [1, 15], [3, 4], [11, 0.5], [5, 0.3], [7, 0.2]]);
const INSURANCE = weighted<number>([[2, 45], [3, 20], [4, 6], [1, 27], [99, 2]]);
const CONTRACEPTION = weighted<number>([[3, 50], [1, 22], [5, 10], [2, 8], [6, 4], [4, 3], [7, 0.5], [99, 2.5]]);
const ILLNESS = weighted<number>([[6, 30], [1, 20], [5, 12], [13, 15], [12, 6], [7, 6], [3, 11]]);
const PHONE_PREFIX = list('811, 812, 813, 821, 822, 823, 852, 853, 851, 877, 878, 859, 895, 896, 897, 898, 899, 831, 832, 838, 881, 882, 857, 856');

/** DDMMYYYY, as on a birth certificate's number. */
function certificateDate(day: number): string {
  const [y, m, d] = civil(day);
  return `${pad2(d)}${pad2(m)}${y}`;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rng() * 10));
  return s;
}

// ---------------------------------------------------------------------------------------
// NIK and KK numbers

/**
 * NIK (and KK) serials as the civil registry hands them out: per district and date digits
 * (birth date, +40 for women), counting up from 0001 — so they are small and varied, not
 * one number per village. Villages filled separately, even at once, must never collide in
 * `active_niks`, so each village owns a disjoint share of every date's serials: the village's
 * slot (desa 0–199 from its number, kelurahan and desa adat 200–299) gets a rank among the
 * district's slots that a shuffle seeded by district and date decides. The 48 slots nearly
 * every real village has (desa 1–32, kelurahan 1–16) share serials 0001–4800, 48 apart, so the
 * first person of a date gets 0001–0048; the rarer slots share 4801–9588. The ranks depend only
 * on the district and the date, never on the seed: any two seeds stay collision-free.
 */
class SerialPlan {
  private readonly counters = new Map<string, number>();
  private readonly ranks = new Map<string, number>();
  static readonly COMMON_SLOTS: readonly number[] = [...Array.from({ length: 32 }, (_, i) => i), ...Array.from({ length: 16 }, (_, i) => 200 + i)];
  static readonly OTHER_SLOTS: readonly number[] = Array.from({ length: 300 }, (_, i) => i).filter((i) => !SerialPlan.COMMON_SLOTS.includes(i));
  private readonly common: boolean;
  /** People of one date a village can number: 100 for the common slots, 19 for the rest (4801 + 18 × 252 + 251 ≤ 9999). */
  readonly perDate: number;
  constructor(
    readonly district: string,
    private readonly slot: number,
  ) {
    this.common = SerialPlan.COMMON_SLOTS.includes(slot);
    this.perDate = this.common ? 100 : 19;
  }

  static forVillage(villageCode: string): SerialPlan {
    const plain = villageCode.replace(/\./g, '');
    if (!/^\d{10}$/.test(plain)) throw new Error(`Kode desa tidak sah: ${villageCode}`);
    const n = Number(plain.slice(7));
    const slot = plain[6] === '2' ? n % 200 : 200 + (n % 100);
    return new SerialPlan(plain.slice(0, 6), slot);
  }

  /** This village's rank for a date: its place in the district's shuffle of the common slots. */
  private rank(date6: string): number {
    if (!this.common) return SerialPlan.OTHER_SLOTS.indexOf(this.slot);
    let r = this.ranks.get(date6);
    if (r === undefined) {
      const order = [...SerialPlan.COMMON_SLOTS];
      const rng = mulberry32(deriveSeed(0, this.district, date6));
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      r = order.indexOf(this.slot);
      this.ranks.set(date6, r);
    }
    return r;
  }

  /** The next number for the 6 date digits, or null when that date is full. */
  take(date6: string): string | null {
    const used = this.counters.get(date6) ?? 0;
    if (used >= this.perDate) return null;
    this.counters.set(date6, used + 1);
    const serial = this.common ? used * 48 + this.rank(date6) + 1 : 4801 + used * 252 + this.rank(date6);
    return `${this.district}${date6}${String(serial).padStart(4, '0')}`;
  }
}

function date6(day: number, female: boolean): string {
  const [y, m, d] = civil(day);
  return `${pad2(d + (female ? 40 : 0))}${pad2(m)}${pad2(y % 100)}`;
}

// ---------------------------------------------------------------------------------------
// The generator

export interface AreaLeaf {
  id: number;
  /** How the address reads, e.g. "Dusun Sukamaju, RT 002/RW 001". */
  label: string;
}

export interface GenerateOptions {
  /** With or without dots; its first 6 digits start every NIK and KK number. */
  villageCode: string;
  residents: number;
  seed: number;
  /** The day the register describes (YYYY-MM-DD): ages are counted to it. */
  asOf: string;
  /** Where families live (the village's RTs); none: no area. */
  areas?: AreaLeaf[];
  /** Where locally born people were born, e.g. the regency's name. */
  birthPlace?: string;
}

export interface GeneratedPopulation {
  families: NewFamily[];
  residents: NewResident[];
}

/** Exactly `residents` people in families, ready for `bulkInsertPopulation`. No database needed. */
export function generatePopulation(opts: GenerateOptions): GeneratedPopulation {
  const code = opts.villageCode.replace(/\./g, '');
  const rng = mulberry32(deriveSeed(opts.seed, code, 'people'));
  const today = toDay(opts.asOf);
  if (!Number.isFinite(today)) throw new Error(`Tanggal tidak sah: ${opts.asOf}`);
  const serials = SerialPlan.forVillage(code);
  const kkSerials = SerialPlan.forVillage(code);
  const builder = new FamilyBuilder(rng, today);
  const localPlace = opts.birthPlace ?? 'Bandar Lampung';
  const regency = code.slice(0, 4);

  const families: NewFamily[] = [];
  const residents: NewResident[] = [];
  while (residents.length < opts.residents) {
    let members = builder.build();
    members = members.slice(0, opts.residents - residents.length);
    const area = opts.areas?.length ? oneOf(rng, opts.areas) : null;
    const familyIndex = families.length;

    for (const p of members) {
      // Two people of the village born on one day past the date's room: move the birthday a day earlier.
      for (;;) {
        const nik = serials.take(date6(p.birth, p.sex === 2));
        if (nik) {
          p.nik = nik;
          break;
        }
        p.birth -= 1;
      }
    }
    // A KK is reissued whenever a member joins, so it is never older than its youngest member.
    const youngest = Math.max(...members.map((p) => p.birth));
    let issued = Math.min(today - 1, Math.max(youngest + int(rng, 20, 400), today - int(rng, 30, 365 * 18)));
    let kk: string | null;
    while (!(kk = kkSerials.take(date6(issued, false)))) issued -= 1;
    families.push({ kk_number: kk, address: area?.label ?? null, area_id: area?.id ?? null });

    const insurance = INSURANCE(rng);
    for (const p of members) residents.push(describe(rng, p, { today, familyIndex, area, insurance, localPlace, regency, members }));
  }
  return { families, residents };
}

interface FamilyFacts {
  today: number;
  familyIndex: number;
  area: AreaLeaf | null;
  insurance: number;
  localPlace: string;
  regency: string;
  members: Person[];
}

function describe(rng: Rng, p: Person, f: FamilyFacts): NewResident {
  const age = ageAt(p.birth, f.today);
  const year = yearOf(p.birth);
  const female = p.sex === 2;
  const married = p.marital !== MARITAL.single;
  const adult = age >= 17 || married;

  // Schooling: children by age; adults by the cohort they grew up in.
  let educationKk: number;
  let educationNow: number;
  let studying = false;
  if (age < 7) [educationKk, educationNow] = [1, age < 4 ? 1 : 2];
  else if (age < 13) [educationKk, educationNow, studying] = [2, 4, true];
  else if (age < 16) [educationKk, educationNow, studying] = [3, 6, true];
  else if (age < 19 && !married && chance(rng, 0.88)) [educationKk, educationNow, studying] = [4, 7, true];
  else {
    const cohort = year < 1960 ? 'before1960' : year < 1980 ? 'before1980' : year < 1995 ? 'before1995' : 'later';
    educationKk = ADULT_EDUCATION[cohort](rng);
    if (age < 19) educationKk = Math.min(educationKk, 4);
    else if (age < 22) educationKk = Math.min(educationKk, 5);
    educationNow = 18;
    if (age >= 19 && age <= 23 && !married && educationKk === 5 && chance(rng, 0.3)) [educationNow, studying] = [11, true];
  }

  let occupation: number;
  if (age < 7) occupation = 1; // under school age, kindergarten included
  else if (studying) occupation = 3;
  else if (age < 19) occupation = chance(rng, 0.6) ? 1 : female ? 2 : 19;
  else if (age >= 65 && chance(rng, 0.45)) occupation = educationKk >= 5 && chance(rng, 0.35) ? 4 : 1;
  else if (educationKk >= 6 && chance(rng, 0.8)) occupation = (female ? GRADUATE_WORK.female : GRADUATE_WORK.male)(rng);
  else if (female && !married && age < 25) occupation = chance(rng, 0.5) ? 1 : WOMEN_WORK(rng);
  else if (!female && age < 23 && chance(rng, 0.25)) occupation = 1;
  else occupation = female ? WOMEN_WORK(rng) : MEN_WORK(rng);

  // Born in the village's regency, or where the family came from (transmigrants before 1990).
  const migrant = year < 1970 ? 0.55 : year < 1990 ? 0.25 : 0.04;
  const birthPlace = chance(rng, p.ethnicity === 'Lampung' ? migrant / 2 : migrant)
    ? oneOf(rng, ORIGIN_PLACES[p.ethnicity])
    : chance(rng, 0.78) ? f.localPlace : chance(rng, 0.5) ? 'Bandar Lampung' : oneOf(rng, LAMPUNG_PLACES);

  const withKtp = adult && chance(rng, 0.95);
  const insured = f.insurance === 2 || f.insurance === 3 || f.insurance === 4;
  const husbandHome = f.members.some((m) => m.sex === 1 && m.marital === MARITAL.married && m !== p);
  const fertile = female && p.marital === MARITAL.married && age >= 15 && age <= 49 && husbandHome;
  const birthCertificate = chance(rng, year >= 2000 ? 0.93 : year >= 1985 ? 0.6 : 0.2)
    ? `${f.regency}-LT-${certificateDate(Math.min(p.birth + int(rng, 3, 700), f.today - 1))}-${digits(rng, 4)}`
    : null;

  return {
    nik: p.nik!,
    name: p.name.toUpperCase(),
    sex: p.sex,
    birth_place: birthPlace.toUpperCase(),
    birth_date: isoOf(p.birth),
    religion: p.religion,
    education_kk: educationKk,
    education_current: educationNow,
    occupation,
    marital_status: p.marital,
    family_relation: p.relation,
    citizenship: 1,
    father_nik: p.father?.nik ?? null,
    father_name: (p.father?.name ?? p.fatherName ?? null)?.toUpperCase() ?? null,
    mother_nik: p.mother?.nik ?? null,
    mother_name: (p.mother?.name ?? p.motherName ?? null)?.toUpperCase() ?? null,
    blood_type: BLOOD(rng),
    disability: chance(rng, 0.015) ? int(rng, 1, 6) : 7,
    chronic_illness: chance(rng, age >= 50 ? 0.14 : age >= 30 ? 0.04 : 0.01) ? ILLNESS(rng) : 14,
    contraception: fertile && chance(rng, 0.62) ? CONTRACEPTION(rng) : null,
    pregnant: fertile && age <= 42 ? (chance(rng, 0.05) ? 1 : 2) : null,
    insurance_type: f.insurance,
    insurance_number: insured ? `000${digits(rng, 10)}` : null,
    ektp: adult ? (withKtp ? 2 : 1) : null,
    ektp_recording: !adult ? 1 : withKtp ? (chance(rng, 0.9) ? 8 : 3) : 2,
    birth_certificate: birthCertificate,
    marriage_date: married && p.marriageDay !== undefined ? isoOf(p.marriageDay) : null,
    phone: age >= 17 && age <= 65 && chance(rng, 0.72) ? `08${oneOf(rng, PHONE_PREFIX).slice(1)}${digits(rng, int(rng, 7, 8))}` : null,
    ethnicity: p.ethnicity,
    area_id: f.area?.id ?? null,
    address: f.area?.label ?? null,
    life_status: 1,
    familyIndex: f.familyIndex,
  };
}

// ---------------------------------------------------------------------------------------
// Putting a generated population into a village

type Q = Kysely<Database> | Transaction<Database>;

/** The village's lowest areas (RTs, or RWs/dusun without any below them), each with its address. */
export async function listAreaLeaves(db: Q, villageCode: string): Promise<AreaLeaf[]> {
  const rows = await db.selectFrom('village_areas').select(['id', 'parent_id', 'level', 'name']).where('village_code', '=', villageCode).orderBy('id').execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const parents = new Set(rows.map((r) => (r.parent_id === null ? null : Number(r.parent_id))));
  const text = (r: (typeof rows)[number]) => (r.level === 'dusun' ? r.name : `${r.level.toUpperCase()} ${r.name}`);
  return rows
    .filter((r) => !parents.has(Number(r.id)))
    .map((r) => {
      const path = [r];
      for (let p = r.parent_id; p !== null && byId.has(Number(p)); p = byId.get(Number(p))!.parent_id) path.unshift(byId.get(Number(p))!);
      const dusun = path.find((a) => a.level === 'dusun');
      const rw = path.find((a) => a.level === 'rw');
      const rt = path.find((a) => a.level === 'rt');
      const local = rt && rw ? `RT ${rt.name}/RW ${rw.name}` : [rt, rw].filter(Boolean).map((a) => text(a!)).join(', ');
      return { id: Number(r.id), label: [dusun?.name, local].filter(Boolean).join(', ') };
    });
}

/**
 * Gives a village without areas 4–8 dusun (kelurahan: 2–5 lingkungan), each with 2–4 RW of
 * 3–5 RT, in one statement. Returns how many areas it created.
 */
export async function createAreas(trx: Transaction<Database>, villageCode: string, seed: number): Promise<number> {
  const rng = mulberry32(deriveSeed(seed, villageCode.replace(/\./g, ''), 'areas'));
  const urban = villageCode.replace(/\./g, '')[6] === '1';
  const dusunCount = urban ? int(rng, 2, 5) : int(rng, 4, 8);
  const named = !urban && chance(rng, 0.5);
  const pool = [...DUSUN_NAMES];
  const rows: { level: 'dusun' | 'rw' | 'rt'; name: string; parent: number | null }[] = [];
  for (let d = 0; d < dusunCount; d++) {
    const name = urban ? `Lingkungan ${ROMAN[d]}` : named ? `Dusun ${pool.splice(Math.floor(rng() * pool.length), 1)[0]}` : `Dusun ${ROMAN[d]}`;
    const dusun = rows.push({ level: 'dusun', name, parent: null }) - 1;
    for (let w = 1, rws = int(rng, 2, 4); w <= rws; w++) {
      const rw = rows.push({ level: 'rw', name: String(w).padStart(3, '0'), parent: dusun }) - 1;
      for (let t = 1, rts = int(rng, 3, 5); t <= rts; t++) rows.push({ level: 'rt', name: String(t).padStart(3, '0'), parent: rw });
    }
  }
  const ids = await allocateIds(trx, 'village_areas', rows.length);
  await trx.executeQuery(
    CompiledQuery.raw(
      `insert into village_areas_rows (village_code, id, parent_id, level, name) overriding system value
       select $1, u.id, u.parent_id, u.level, u.name from unnest($2::int8[], $3::int8[], $4::text[], $5::text[]) as u(id, parent_id, level, name)`,
      [villageCode, ids, rows.map((r) => (r.parent === null ? null : ids[r.parent]!)), rows.map((r) => r.level), rows.map((r) => r.name)],
    ),
  );
  return rows.length;
}

export interface PopulateOptions {
  residents: number;
  seed: number;
  /** The register's date and the registration events' date (YYYY-MM-DD). */
  asOf: string;
  /** Recorded as who registered the residents (users.id); null from the command line. */
  userId?: number | null;
  /** The audit log's actor label, e.g. 'generate-population' or 'seed-demo'. */
  actorLabel: string;
  /** The audit log's address field; 'cli' unless told. */
  ip?: string;
  /** Refresh the planner's statistics after the load (default); a caller filling many villages does it once. */
  analyze?: boolean;
}

export interface PopulateResult {
  villageCode: string;
  name: string;
  activated: boolean;
  areasCreated: number;
  families: number;
  residents: number;
}

/** Regency "KABUPATEN PESAWARAN" → "Pesawaran", "KOTA BANDAR LAMPUNG" → "Bandar Lampung": a birth place as people write it. */
function placeName(regency: string | undefined): string | undefined {
  if (!regency) return undefined;
  return regency.replace(/^(KABUPATEN|KAB\.|KOTA ADMINISTRASI|KOTA)\s+/i, '').toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase());
}

/**
 * An admin tool: fills an empty village with generated residents in one transaction —
 * activating it (as an initiative) and giving it dusun/RW/RT first where it has none.
 * Refuses a village that already has residents, so a second run adds no duplicates.
 */
export async function populateVillage(db: Kysely<Database>, villageInput: string, opts: PopulateOptions): Promise<PopulateResult> {
  const plain = villageInput.trim().replace(/\./g, '');
  if (!/^\d{10}$/.test(plain)) throw new Error(`Kode desa tidak sah: ${villageInput} (contoh: 18.09.10.2004)`);
  const code = `${plain.slice(0, 2)}.${plain.slice(2, 4)}.${plain.slice(4, 6)}.${plain.slice(6)}`;
  const result = await db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('regions').select(['name', 'level']).where('code', '=', code).executeTakeFirst();
    if (!region || region.level !== 4) throw new Error(`Desa/kelurahan ${code} tidak ada di data wilayah.`);
    const regency = await trx.selectFrom('regions').select('name').where('code', '=', code.slice(0, 5)).executeTakeFirst();
    const audit = (action: string, detail: Record<string, unknown>) =>
      recordAudit(trx, { actor: null, ip: opts.ip ?? 'cli' }, { action, villageCode: code, subject: `village:${code}`, detail }, opts.actorLabel);

    const inserted = await trx
      .insertInto('villages')
      .values({ village_code: code, activated_by: null, activation_kind: 'initiative' })
      .onConflict((oc) => oc.column('village_code').doNothing())
      .returning('village_code')
      .executeTakeFirst();
    if (inserted) await audit('village.activate', { activation_kind: 'initiative', via: opts.actorLabel });
    else {
      const existing = await trx.selectFrom('residents').select('id').where('village_code', '=', code).limit(1).executeTakeFirst();
      if (existing) throw new Error(`Desa ${region.name} (${code}) sudah memiliki penduduk; generator hanya mengisi desa yang kosong.`);
    }

    let areas = await listAreaLeaves(trx, code);
    let areasCreated = 0;
    if (!areas.length) {
      areasCreated = await createAreas(trx, code, opts.seed);
      areas = await listAreaLeaves(trx, code);
    }
    const people = generatePopulation({ villageCode: code, residents: opts.residents, seed: opts.seed, asOf: opts.asOf, areas, birthPlace: placeName(regency?.name) });
    await bulkInsertPopulation(trx, code, people.families, people.residents, { registrationDate: opts.asOf, userId: opts.userId ?? null, source: 'generator', analyze: false });
    await audit('population.generate', { residents: people.residents.length, families: people.families.length, seed: opts.seed, as_of: opts.asOf, areas_created: areasCreated });
    return { villageCode: code, name: region.name, activated: Boolean(inserted), areasCreated, families: people.families.length, residents: people.residents.length };
  });
  if (opts.analyze !== false) await analyzePopulation(db, { vacuum: true });
  return result;
}
