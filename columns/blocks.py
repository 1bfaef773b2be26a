"""StreamField blocks for article and single-page bodies."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link", "superscript", "subscript"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "图片"
        template = "columns/blocks/captioned_image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = "文件链接"
        template = "columns/blocks/document_link.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False, max_length=100)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "columns/blocks/quote.html"


TABLE_OPTIONS = {
    "minSpareRows": 0,
    "startRows": 4,
    "startCols": 3,
    "colHeaders": False,
    "rowHeaders": False,
    "contextMenu": True,
    "editor": "text",
    "stretchH": "all",
    "language": "zh-CN",
    "renderer": "text",
    "autoColumnSize": False,
}


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="正文", features=RICH_TEXT_FEATURES)
    image = CaptionedImageBlock()
    table = TableBlock(label="表格", table_options=TABLE_OPTIONS, template="columns/blocks/table.html")
    document = DocumentLinkBlock()
    quote = QuoteBlock()
