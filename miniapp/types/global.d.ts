/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built. */
    TARO_ENV: 'weapp' | 'h5';
    /** Mini program appid; "touristappid" when unset. */
    TARO_APP_ID?: string;
    /** Origin of the API ('' = same origin). Replaced at build time. */
    TARO_APP_API_BASE?: string;
  }
}
