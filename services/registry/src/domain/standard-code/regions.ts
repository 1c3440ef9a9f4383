/**
 * Province-level divisions that issue local standards (`DB50/T …`), by their GB/T 2260 code.
 * Hong Kong, Macao and Taiwan (81, 82, 71) issue none.
 */
const PROVINCES: ReadonlyArray<readonly [code: string, nameZh: string, nameEn: string]> = [
  ['11', '北京', 'Beijing'],
  ['12', '天津', 'Tianjin'],
  ['13', '河北', 'Hebei'],
  ['14', '山西', 'Shanxi'],
  ['15', '内蒙古', 'Inner Mongolia'],
  ['21', '辽宁', 'Liaoning'],
  ['22', '吉林', 'Jilin'],
  ['23', '黑龙江', 'Heilongjiang'],
  ['31', '上海', 'Shanghai'],
  ['32', '江苏', 'Jiangsu'],
  ['33', '浙江', 'Zhejiang'],
  ['34', '安徽', 'Anhui'],
  ['35', '福建', 'Fujian'],
  ['36', '江西', 'Jiangxi'],
  ['37', '山东', 'Shandong'],
  ['41', '河南', 'Henan'],
  ['42', '湖北', 'Hubei'],
  ['43', '湖南', 'Hunan'],
  ['44', '广东', 'Guangdong'],
  ['45', '广西', 'Guangxi'],
  ['46', '海南', 'Hainan'],
  ['50', '重庆', 'Chongqing'],
  ['51', '四川', 'Sichuan'],
  ['52', '贵州', 'Guizhou'],
  ['53', '云南', 'Yunnan'],
  ['54', '西藏', 'Tibet'],
  ['61', '陕西', 'Shaanxi'],
  ['62', '甘肃', 'Gansu'],
  ['63', '青海', 'Qinghai'],
  ['64', '宁夏', 'Ningxia'],
  ['65', '新疆', 'Xinjiang'],
];

export interface Province {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const PROVINCES_BY_CODE: ReadonlyMap<string, Province> = new Map(
  PROVINCES.map(([code, nameZh, nameEn]) => [code, { code, nameZh, nameEn }]),
);

/** The province of a 2-digit province code or of a longer area code that starts with one. */
export function provinceOf(code: string): Province | undefined {
  return PROVINCES_BY_CODE.get(code.slice(0, 2));
}

export const CHONGQING = '50';
