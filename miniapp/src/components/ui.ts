/**
 * The NutUI components the app uses, with their styles. Import NutUI through this module only,
 * so each component's stylesheet is loaded once and the bundle holds only these components.
 */
import '@nutui/nutui-react-taro/dist/esm/Button/style/css';
import '@nutui/nutui-react-taro/dist/esm/Input/style/css';
import '@nutui/nutui-react-taro/dist/esm/Cell/style/css';
import '@nutui/nutui-react-taro/dist/esm/CellGroup/style/css';
import '@nutui/nutui-react-taro/dist/esm/Tag/style/css';

export { Button, Input, Cell, CellGroup, Tag } from '@nutui/nutui-react-taro';
