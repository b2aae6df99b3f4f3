export declare function ensureBicepInstalled(): number;
