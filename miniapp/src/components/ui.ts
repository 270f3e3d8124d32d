/**
 * The NutUI components the app uses, with their styles. Import NutUI through this module only,
 * so each component's stylesheet is loaded once and the bundle holds only these components.
 */
import '@nutui/nutui-react-taro/dist/esm/Button/style/css';
import '@nutui/nutui-react-taro/dist/esm/Input/style/css';

export { Button, Input } from '@nutui/nutui-react-taro';
