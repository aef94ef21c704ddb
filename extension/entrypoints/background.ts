import { defineBackground } from "wxt/utils/define-background";

const background: ReturnType<typeof defineBackground> = defineBackground(() => {});
export default background;
